using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths.Hops;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>One Network Watcher answer for one destination: ipFlowVerify or nextHop for an address, connectivityCheck for a host name.</summary>
internal sealed record WatcherAnswer(string Key, string Destination, JObject? Result);

/// <summary>
/// Network Watcher's checks from the client VM (<c>--from &lt;vm | nic&gt;</c>), as recorded: the region's watcher (from the
/// subscription's watcher list), and under <c>arm.resources["{watcherId}/{check}#{destination}"]</c> each check's result as ARM
/// returned it. The collector and the rules name the checks through this one class, so both use the same keys.
/// </summary>
internal sealed class NetworkWatcherChecks
{
    public const string IpFlowVerify = "ipFlowVerify", NextHop = "nextHop", ConnectivityCheck = "connectivityCheck",
        NetworkConfigurationDiagnostic = "networkConfigurationDiagnostic";

    /// <summary>The subscription's watchers: the list is read once and the region's one picked, the way az network watcher does.</summary>
    public static string WatchersList(string subscriptionId) => $"/subscriptions/{subscriptionId}/providers/Microsoft.Network/networkWatchers";

    public static string Key(string watcherId, string check, string destination) => $"{watcherId}/{check}#{destination}";

    /// <summary>What the checks run from: the client VM, its NIC and address, the NIC's region and subscription.</summary>
    public sealed record Client(string VmId, string NicId, string Address, string Region, string SubscriptionId)
    {
        public string VmName => new ResourceId(VmId).Name;
        public string? VmResourceGroup => new ResourceId(VmId).ResourceGroup;
    }

    /// <summary>The client VM of a <c>--from &lt;vm | nic&gt;</c> run, or null (another source, or the NIC unread or attached to no VM).</summary>
    public static Client? ClientOf(EvidenceView evidence)
    {
        if (evidence.Bundle.Vantage is not { Source.Kind: VantageSourceKind.Vm or VantageSourceKind.Nic, NetworkInterfaceId: { } nicId } vantage) return null;
        if (evidence.Resource<NetworkInterfaceView>(nicId) is not { } nic) return null;
        var vmId = vantage.Source.Kind == VantageSourceKind.Vm ? vantage.Source.Id : ArmView.Str(nic.Document, "properties.virtualMachine.id");
        var address = nic.IpConfigurations.Select(c => c.PrivateIpAddress).OfType<string>().FirstOrDefault();
        var region = RegistryEndpoints.NormalizeRegion(nic.Location);
        return vmId is null || address is null || region is null || new ResourceId(nicId).SubscriptionId is not { } subscription
            ? null : new Client(vmId, nicId, address, region, subscription);
    }

    /// <summary>The watcher in the client's region, from the recorded list; null when the list was not read or has none there.</summary>
    public static string? WatcherOf(EvidenceView evidence, Client client) => WatcherIn(evidence, client.SubscriptionId, client.Region);

    /// <summary>The watcher of <paramref name="subscriptionId"/> in <paramref name="region"/>, from the recorded list; null when the list was not read or has none there.</summary>
    public static string? WatcherIn(EvidenceView evidence, string subscriptionId, string region) =>
        evidence.ListOf<NetworkWatcherView>(WatchersList(subscriptionId)) is { } watchers ? InRegion(watchers.Select(w => w.Document), region) : null;

    /// <summary>
    /// A scale-set instance NIC the NSG diagnostic runs for (<see cref="VantageEvidence.ScaleSetNetworkInterfaceIds"/>): its address, the
    /// subnet it sits in, its region (the NIC's location) and subscription.
    /// </summary>
    public sealed record ScaleSetNic(string NicId, string? Address, string? SubnetId, string? Region, string SubscriptionId)
    {
        public string Name => new ResourceId(NicId).Name;
    }

    /// <summary>
    /// The recorded scale-set instance NICs of the vantage, each as far as its document was read; the region is the NIC's location,
    /// else its scale set's (<c>…/virtualMachineScaleSets/{vmss}</c>, read beside it).
    /// </summary>
    public static IReadOnlyList<ScaleSetNic> ScaleSetNics(EvidenceView evidence) =>
        (evidence.Bundle.Vantage?.ScaleSetNetworkInterfaceIds ?? []).Select(id =>
        {
            var nic = evidence.Resource<NetworkInterfaceView>(id);
            var config = nic?.IpConfigurations.FirstOrDefault(c => c.PrivateIpAddress is not null);
            var scaleSet = id.IndexOf("/virtualMachines/", StringComparison.OrdinalIgnoreCase) is > 0 and var end ? evidence.RawResource(id[..end]) : null;
            var region = RegistryEndpoints.NormalizeRegion(nic?.Location ?? (scaleSet is null ? null : ArmView.Str(scaleSet, "location")));
            return new ScaleSetNic(id, config?.PrivateIpAddress, config?.SubnetId, region, new ResourceId(id).SubscriptionId ?? "");
        }).ToList();

    /// <summary>Where the NSG diagnostic of TCP 443 from <paramref name="nicId"/> to <paramref name="address"/> is kept: one answer per NIC and address.</summary>
    public static string DiagnosticKey(string watcherId, string nicId, string address) => Key(watcherId, NetworkConfigurationDiagnostic, $"{address}#{nicId}");

    /// <summary>The diagnostic's parameters (NetworkConfigurationDiagnosticParameters): one outbound TCP 443 profile from the NIC's address.</summary>
    public static JObject DiagnosticRequest(ScaleSetNic nic, string address) => new()
    {
        ["targetResourceId"] = nic.NicId,
        ["verbosityLevel"] = "Normal",
        ["profiles"] = new JArray(new JObject
        {
            ["direction"] = "Outbound", ["protocol"] = "TCP", ["source"] = nic.Address ?? "*", ["destination"] = address, ["destinationPort"] = "443",
        }),
    };

    /// <summary>The id of the watcher whose location is <paramref name="region"/> (one per region and subscription).</summary>
    public static string? InRegion(IEnumerable<JObject> watchers, string region) =>
        watchers.FirstOrDefault(w => string.Equals(RegistryEndpoints.NormalizeRegion(ArmView.Str(w, "location")), region, StringComparison.OrdinalIgnoreCase)) is { } watcher
            ? ArmView.Str(watcher, "id") : null;

    /// <summary>The addresses 443 is checked to: each approved private endpoint address, else the first public address of the registry's service tag.</summary>
    public static IReadOnlyList<(string Address, string Serves)> Addresses(EvidenceView evidence) =>
        IntendedTargets.For(evidence, out _)?.Where(t => t.Target.Address is not null).Select(t => (t.Target.Address!, t.Serves)).ToList() ?? [];

    /// <summary>The host names connectivityCheck connects to: the login server and every data endpoint.</summary>
    public static IReadOnlyList<string> Hosts(EvidenceView evidence) =>
        evidence.Endpoints.Where(e => e.Purpose != EndpointPurpose.Storage).Select(e => e.Host).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>How to create the watcher a region lacks (https://learn.microsoft.com/azure/network-watcher/network-watcher-create).</summary>
    public static string EnableCommand(string region) =>
        Rules.Shell.Command($"az network watcher configure --resource-group NetworkWatcherRG --locations {region} --enabled true");
}

/// <summary>Microsoft.Network/networkWatchers.</summary>
internal sealed class NetworkWatcherView(JObject document) : ArmView(document);
