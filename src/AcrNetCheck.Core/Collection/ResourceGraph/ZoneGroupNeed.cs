using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths.Hops;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>A zone-group read the scan leaves out: why, and the zone that answers in its stead.</summary>
internal sealed record ZoneGroupSkip(string AnsweringZoneId, string Reason);

/// <summary>
/// Whether the fleet scan must read a registry's private endpoints' DNS zone groups (one ARM path each, not in Resource
/// Graph). They matter only through the zones they name, and a zone matters to the DNS verdict only where it is linked:
/// Azure DNS answers a VNet's queries from the zone of the name linked to that VNet, and two zones of one name cannot be
/// linked to one VNet. So when every VNet the registry's DNS is judged from (each approved endpoint's, as
/// <see cref="PrivateDnsFacts.VnetsThatMatter"/> picks them for a scan bundle) resolves through Azure-provided DNS and has a
/// <c>privatelink.&lt;suffix&gt;</c> zone linked in the scan's own evidence, whatever the zone groups name cannot change the
/// answer: that zone's records decide it. Decided per registry (all its endpoints' groups or none), and only on complete
/// evidence: any doubt (a query that failed, a refused subscription, custom DNS servers, a regional zone that could shadow
/// the registry's records, a VNet without a linked zone) means the groups are read, as before.
/// </summary>
internal static class ZoneGroupNeed
{
    /// <summary>Null when the registry's zone groups must be read; else, per approved endpoint id, the read left out.</summary>
    public static IReadOnlyDictionary<string, ZoneGroupSkip>? NotNeeded(FleetIndex index, RegistryView registry, string loginServerSuffix)
    {
        string[] queries = [FleetQueries.PrivateEndpointsName, FleetQueries.SubnetsName, FleetQueries.PrivateDnsZonesName, FleetQueries.ARecordSetsName];
        if (queries.Any(index.FailedQueries.ContainsKey)) return null;
        var endpointIds = registry.PrivateEndpointConnections.Select(c => c.PrivateEndpointId).OfType<string>().Distinct(ResourceId.Comparer).ToList();
        var approved = registry.PrivateEndpointConnections.Where(c => c.IsApproved).Select(c => c.PrivateEndpointId).OfType<string>().Distinct(ResourceId.Comparer).ToList();
        if (approved.Count == 0) return null;

        var zoneName = "privatelink." + loginServerSuffix;
        bool IsRegional(string zoneId) => new ResourceId(zoneId).Name.EndsWith("." + zoneName, StringComparison.OrdinalIgnoreCase);
        // The bundle carries every privatelink zone of the endpoints' subscriptions: a regional one there could shadow a record.
        var subscriptions = endpointIds.Select(id => new ResourceId(id).SubscriptionId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (subscriptions.Any(index.UnreadableSubscriptions.ContainsKey)
            || subscriptions.Any(s => index.ZonesBySubscription.GetValueOrDefault(s)?.Any(IsRegional) == true))
            return null;

        var skips = new Dictionary<string, ZoneGroupSkip>(ResourceId.Comparer);
        foreach (var peId in approved)
        {
            if (index.Resource(peId) is not { } document || new PrivateEndpointView(document).SubnetId is not { } subnetId
                || !index.Contains(subnetId) || new ResourceId(subnetId).Parent is not { } vnetId
                || index.Resource(vnetId) is not { } vnetDocument)
                return null;
            var vnet = new VirtualNetworkView(vnetDocument);
            // Custom DNS servers resolve where they sit, which ARM may not show: the groups' zones could be the ones that count.
            if (vnet.DnsServers.Any(server => server != DnsResolution.AzureDns)) return null;
            var linked = index.ZonesLinkedTo(vnetId);
            if (linked.Any(IsRegional)) return null;
            var answering = linked.Where(z => new ResourceId(z).Name.Equals(zoneName, StringComparison.OrdinalIgnoreCase)).ToList();
            if (answering.Count != 1) return null;
            skips[peId] = new ZoneGroupSkip(answering[0],
                $"{new ResourceId(vnetId).Name}, the endpoint's VNet, uses Azure-provided DNS and {PrivateDnsFacts.DescribeZone(answering[0])} is linked to it: " +
                "that zone answers there whatever the endpoint's DNS zone groups name");
        }
        return skips;
    }
}
