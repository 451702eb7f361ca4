using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>Where a subnet's DNS queries are answered: which VNet's private zone links count, and what that takes for granted.</summary>
internal static class DnsResolution
{
    /// <summary>Azure DNS's virtual address (learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16).</summary>
    public const string AzureDns = "168.63.129.16";

    /// <summary>Where names from a VNet are resolved: the VNet whose zone links count, what is assumed, or what would tell.</summary>
    public sealed record Resolution(string Resolver, IReadOnlyList<string> Servers, string? VnetId, IReadOnlyList<string> Assumptions, SkipReason? Needs, IReadOnlyList<EvidenceRef> Evidence);

    /// <summary>
    /// Azure-provided DNS resolves in the VNet itself. Custom DNS servers resolve where they sit: in this VNet or a peered
    /// (hub) VNet, assuming they forward to Azure DNS from there; elsewhere (on-premises, or a VNet not in the evidence) ARM
    /// cannot say how they resolve.
    /// </summary>
    public static Resolution Of(EvidenceView evidence, SubnetView subnet) => OfVnet(evidence, subnet.VirtualNetworkId);

    /// <inheritdoc cref="Of(EvidenceView, SubnetView)"/>
    public static Resolution OfVnet(EvidenceView evidence, string vnetId)
    {
        if (evidence.Resource<VirtualNetworkView>(vnetId) is not { } vnet)
            return new Resolution("unknown", [], null, [], evidence.MissingReason(vnetId, $"arm.resources[{vnetId}]"), []);
        var servers = vnet.DnsServers.Where(s => s != AzureDns).ToList();
        var serversRef = new EvidenceRef(vnet.Id, "properties.dhcpOptions.dnsServers", vnet.DnsServers.Count == 0 ? "none (Azure-provided)" : FindingText.List(vnet.DnsServers));
        if (servers.Count == 0) return new Resolution("azure-provided", vnet.DnsServers, vnet.Id, [], null, [serversRef]);

        foreach (var server in servers)
            if (VnetHolding(evidence, vnet, server) is { } host)
                return new Resolution("custom", vnet.DnsServers, host,
                    [$"DNS server {server} (in {new ResourceId(host).Name}) forwards {PrivateDnsFacts.ZoneName(evidence)} to Azure DNS ({AzureDns}) from there, so that VNet's zone links decide the answer: ARM cannot show it"],
                    null, [serversRef]);
        return new Resolution("custom", vnet.DnsServers, null, [],
            SkipReason.Needs($"how DNS servers {FindingText.List(servers)} resolve {PrivateDnsFacts.ZoneName(evidence)}: forwarding to {AzureDns} from a VNet linked to the zone, or a conditional forwarder to a DNS private resolver there (not visible in ARM)"),
            [serversRef]);
    }

    /// <summary>The VNet whose address space holds a DNS server: this one, or a peered one as its peering records it.</summary>
    private static string? VnetHolding(EvidenceView evidence, VirtualNetworkView vnet, string server)
    {
        static bool Holds(IEnumerable<string> prefixes, string address) => prefixes.Any(p => IpPrefix.TryParse(p, out var prefix) && prefix.Contains(address));
        if (Holds(vnet.AddressPrefixes, server)) return vnet.Id;
        foreach (var (remoteId, prefixes) in vnet.Peerings)
            if (remoteId is not null && (Holds(prefixes, server) || Holds(evidence.Resource<VirtualNetworkView>(remoteId)?.AddressPrefixes ?? [], server)))
                return remoteId;
        return null;
    }
}
