using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>A client VM named by --from, its region's Network Watcher and the watcher's answers.</summary>
public sealed partial class EvidenceBuilder
{
    public static readonly string VmId = $"/subscriptions/{Subscription}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app";

    public static string WatcherId(string region = "eastus") =>
        $"/subscriptions/{Subscription}/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_{region}";

    /// <summary>
    /// A public registry (its eastus tag holds 20.42.66.1) and VM vm-app, whose NIC vm-app-nic (10.2.0.4) sits in snet-client,
    /// named by <c>--from &lt;vm&gt;</c>.
    /// </summary>
    public EvidenceBuilder ClientVmFrom()
    {
        if (_registry is null) Registry();
        ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24").ClientSubnet().ClientNic("vm-app-nic", SubnetId("vnet-app", "snet-client"), "10.2.0.4");
        Resource(JObject.FromObject(new
        {
            id = VmId, name = "vm-app", type = "Microsoft.Compute/virtualMachines", location = Location,
            properties = new { networkProfile = new { networkInterfaces = new[] { new { id = NicId("vm-app-nic"), properties = new { primary = true } } } } },
        }));
        _bundle.Vantage!.Source = new VantageSource { Kind = VantageSourceKind.Vm, Id = VmId };
        return this;
    }

    /// <summary>The subscription's watcher list was read, holding a watcher in each of <paramref name="regions"/>.</summary>
    public EvidenceBuilder NetworkWatchers(params string[] regions)
    {
        var list = ListFor(NetworkWatcherChecks.WatchersList(Subscription));
        foreach (var region in regions)
        {
            Resource(new JObject { ["id"] = WatcherId(region), ["name"] = $"NetworkWatcher_{region}", ["type"] = "Microsoft.Network/networkWatchers", ["location"] = region, ["properties"] = new JObject { ["provisioningState"] = "Succeeded" } });
            list.Add(WatcherId(region));
        }
        return this;
    }

    /// <summary>ipFlowVerify's answer for TCP 443 to <paramref name="address"/>: <c>{"access", "ruleName"}</c>.</summary>
    public EvidenceBuilder FlowVerified(string address, string access, string ruleName, string region = "eastus")
    {
        Arm.Resources[NetworkWatcherChecks.Key(WatcherId(region), NetworkWatcherChecks.IpFlowVerify, address)] = new JObject { ["access"] = access, ["ruleName"] = ruleName };
        return this;
    }

    /// <summary>connectivityCheck's answer to <paramref name="host"/>:443, shaped as NetworkWatchers_CheckConnectivity.json; a failing hop carries <paramref name="issue"/>.</summary>
    public EvidenceBuilder ConnectivityChecked(string host, string status, string? issue = null, string region = "eastus")
    {
        var answer = (JObject)Reference.Body("Microsoft.Network/NetworkWatchers_CheckConnectivity.json").DeepClone();
        answer["connectionStatus"] = status;
        if (issue is not null)
        {
            answer["probesFailed"] = answer["probesSent"]!.DeepClone();
            ((JArray)answer["hops"]![0]!["issues"]!).Add(new JObject { ["origin"] = "Outbound", ["severity"] = "Error", ["type"] = issue, ["context"] = new JArray() });
        }
        Arm.Resources[NetworkWatcherChecks.Key(WatcherId(region), NetworkWatcherChecks.ConnectivityCheck, host)] = answer;
        return this;
    }
}
