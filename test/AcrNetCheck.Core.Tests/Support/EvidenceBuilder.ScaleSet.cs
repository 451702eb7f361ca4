using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>
/// Scale-set instances as --aks and --from &lt;vmss instance&gt; find them: an agent pool's scale set in the node resource group,
/// its instances' NICs, and Network Watcher's NSG diagnostic (networkConfigurationDiagnostic) for one of them.
/// </summary>
public sealed partial class EvidenceBuilder
{
    public const string NodeResourceGroup = "MC_rg-aks_aks-prod_eastus";

    public static string ScaleSetsList(string group = NodeResourceGroup) =>
        $"/subscriptions/{Subscription}/resourceGroups/{group}/providers/Microsoft.Compute/virtualMachineScaleSets";

    public static string ScaleSetId(string name, string group = NodeResourceGroup) => $"{ScaleSetsList(group)}/{name}";

    /// <summary>A scale-set instance NIC id: <c>{vmss}/virtualMachines/{instance}/networkInterfaces/{nic}</c>.</summary>
    public static string ScaleSetNicId(string scaleSet, string instance = "0", string group = NodeResourceGroup) =>
        $"{ScaleSetId(scaleSet, group)}/virtualMachines/{instance}/networkInterfaces/{scaleSet.Replace("-vmss", "")}-nic{(instance == "0" ? "" : instance)}";

    /// <summary>
    /// The pool's scale set in the node resource group's list (tagged <c>aks-managed-poolName</c> unless <paramref name="tagged"/> is false)
    /// and its one instance NIC, in <paramref name="subnetId"/> at <paramref name="ip"/>, with the NIC's own NSG when given. With
    /// <paramref name="asVantage"/> the NIC is the vantage's scale-set NIC (as the collection records it).
    /// </summary>
    /// <param name="instances">How many instances (and NICs) the scale set lists; the first is at <paramref name="ip"/>, the next ones at the following addresses.</param>
    public EvidenceBuilder AksPoolScaleSet(string pool, string subnetId, string ip, string? nicNsgId = null, bool tagged = true, bool asVantage = true, int instances = 1)
    {
        var name = $"aks-{pool}-12345678-vmss";
        var vmss = ScaleSetId(name);
        var scaleSet = new JObject { ["id"] = vmss, ["name"] = name, ["type"] = "Microsoft.Compute/virtualMachineScaleSets", ["location"] = Location, ["properties"] = new JObject() };
        if (tagged) scaleSet["tags"] = new JObject { ["aks-managed-poolName"] = pool, ["aks-managed-orchestrator"] = "Kubernetes:1.30.0" };
        Resource(scaleSet);
        ListFor(ScaleSetsList()).Add(vmss);
        var nic = ScaleSetNic(name, subnetId, ip, nicNsgId);
        ListFor($"{vmss}/networkInterfaces").Add(nic);
        var address = System.Net.IPAddress.Parse(ip).GetAddressBytes();
        for (var instance = 1; instance < instances; instance++)
        {
            address[3]++;
            ListFor($"{vmss}/networkInterfaces").Add(ScaleSetNic(name, subnetId, new System.Net.IPAddress(address).ToString(), nicNsgId, instance.ToString()));
        }
        if (asVantage) (_bundle.Vantage!.ScaleSetNetworkInterfaceIds ??= []).Add(nic);
        return this;
    }

    /// <summary>A scale-set instance's NIC as NetworkInterfaces_ListVirtualMachineScaleSetNetworkInterfaces lists it.</summary>
    private string ScaleSetNic(string scaleSet, string subnetId, string ip, string? nsgId, string instance = "0")
    {
        var id = ScaleSetNicId(scaleSet, instance);
        var props = new JObject
        {
            ["ipConfigurations"] = new JArray(new JObject
            {
                ["name"] = "ipconfig1", ["id"] = $"{id}/ipConfigurations/ipconfig1",
                ["properties"] = new JObject { ["privateIPAddress"] = ip, ["privateIPAllocationMethod"] = "Dynamic", ["subnet"] = new JObject { ["id"] = subnetId }, ["primary"] = true },
            }),
            ["primary"] = true,
            ["virtualMachine"] = new JObject { ["id"] = $"{ScaleSetId(scaleSet)}/virtualMachines/{instance}" },
        };
        if (nsgId is not null) props["networkSecurityGroup"] = new JObject { ["id"] = nsgId };
        Resource(new JObject { ["name"] = new AcrNetCheck.Core.Evidence.Arm.ResourceId(id).Name, ["id"] = id, ["type"] = "Microsoft.Network/networkInterfaces", ["location"] = Location, ["properties"] = props });
        return id;
    }

    /// <summary>
    /// Network Watcher's NSG diagnostic of TCP 443 from <paramref name="nicId"/> to <paramref name="address"/>, shaped as the 2024-05-01
    /// example (NetworkWatcherNetworkConfigurationDiagnostic.json) with its profile and evaluated groups replaced: each group
    /// (NSG, the NIC or subnet it applies to, the matched rule as the diagnostic names it, e.g. <c>UserRule_DenyAcrOut</c>, and its action).
    /// </summary>
    public EvidenceBuilder NsgDiagnosed(string nicId, string address, string access, params (string NsgId, string AppliedTo, string RuleName, string Action)[] groups)
    {
        var answer = (JObject)Reference.Body("Microsoft.Network/NetworkWatchers_GetNetworkConfigurationDiagnostic.json").DeepClone();
        var result = (JObject)answer["results"]![0]!;
        result["profile"] = new JObject { ["direction"] = "Outbound", ["protocol"] = "TCP", ["source"] = "*", ["destination"] = address, ["destinationPort"] = "443" };
        var nsgResult = (JObject)result["networkSecurityGroupResult"]!;
        nsgResult["securityRuleAccessResult"] = access;
        nsgResult["evaluatedNetworkSecurityGroups"] = new JArray(groups.Select(g => new JObject
        {
            ["networkSecurityGroupId"] = g.NsgId, ["appliedTo"] = g.AppliedTo,
            ["matchedRule"] = new JObject { ["ruleName"] = g.RuleName, ["action"] = g.Action },
            ["rulesEvaluationResult"] = new JArray(new JObject
            {
                ["name"] = g.RuleName, ["protocolMatched"] = true, ["sourceMatched"] = true, ["sourcePortMatched"] = true, ["destinationMatched"] = true, ["destinationPortMatched"] = true,
            }),
        }));
        Arm.Resources[NetworkWatcherChecks.DiagnosticKey(WatcherId(), nicId, address)] = answer;
        return this;
    }
}
