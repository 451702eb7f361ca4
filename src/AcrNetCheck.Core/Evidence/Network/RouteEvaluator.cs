using System.Net;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>
/// Which user-defined route of a subnet's route table carries traffic to the registry, as Azure picks it: the longest
/// matching prefix; on a tie an explicit prefix beats a service tag (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview).
/// A null answer means no user route wins, so a system route carries the traffic. Shared by <c>vnet.egress-via-firewall</c>
/// and the path analysis.
/// </summary>
internal static class RouteEvaluator
{
    public const string VirtualAppliance = "VirtualAppliance";

    public static bool LeadsToAppliance(Route route) => route.NextHopType.Equals(VirtualAppliance, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The user route that carries traffic to a private endpoint address. A private endpoint publishes a /32 route to its
    /// address, which beats broader user-defined routes; only with route-table network policies on the endpoint's subnet does a
    /// route as broad as the VNet's address space or broader override it
    /// (learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy).
    /// </summary>
    public static Route? ForPrivateEndpoint(EvidenceView evidence, IReadOnlyList<Route> routes, string address)
    {
        var endpointSubnets = evidence.PrivateEndpoints.Select(pe => evidence.Resource<SubnetView>(pe.SubnetId)).OfType<SubnetView>().ToList();
        return routes
            .Select(r => (Route: r, Prefix: IpPrefix.TryParse(r.AddressPrefix, out var p) ? p : (IpPrefix?)null))
            .Where(x => x.Prefix is { } p && p.Contains(address) && (p.Length == p.MaxLength || OverridesEndpointRoute(evidence, endpointSubnets, address, p)))
            .OrderByDescending(x => x.Prefix!.Value.Length)
            .Select(x => x.Route).FirstOrDefault();
    }

    /// <summary>
    /// The user routes that win for some address of <paramref name="destination"/> (a service's public prefixes): each prefix's
    /// first address, and the first address of every route prefix inside them. Empty when system routes carry all of it.
    /// </summary>
    /// <summary>The user route that wins longest-prefix match for an address no system route more specific than it covers.</summary>
    public static Route? Covering(IReadOnlyList<Route> routes, string address) =>
        routes.Select(r => (Route: r, Prefix: IpPrefix.TryParse(r.AddressPrefix, out var p) ? p : (IpPrefix?)null))
            .Where(x => x.Prefix is { } p && p.Contains(address))
            .OrderByDescending(x => x.Prefix!.Value.Length)
            .Select(x => x.Route).FirstOrDefault();

    public static IReadOnlyList<Route> ForPublicPrefixes(IReadOnlyList<Route> routes, IReadOnlyList<IpPrefix> destination, ServiceTagMatcher tags)
    {
        var candidates = destination.Select(p => p.Network)
            .Concat(routes.SelectMany(r => Prefixes(r, tags)).Where(p => destination.Any(d => d.Covers(p))).Select(p => p.Network))
            .Distinct().ToList();
        return candidates.Select(a => Winner(routes, a, tags)).OfType<Route>().Distinct().ToList();
    }

    /// <summary>Routes for 0.0.0.0/0: without a destination's prefixes, the only routes known to carry its traffic.</summary>
    public static IReadOnlyList<Route> DefaultRoutes(IReadOnlyList<Route> routes) =>
        routes.Where(r => IpPrefix.TryParse(r.AddressPrefix, out var p) && p.Length == 0).ToList();

    private static bool OverridesEndpointRoute(EvidenceView evidence, IReadOnlyList<SubnetView> endpointSubnets, string address, IpPrefix route)
    {
        var subnet = endpointSubnets.FirstOrDefault(s => s.AddressPrefixes.Any(p => IpPrefix.TryParse(p, out var sp) && sp.Contains(address)));
        if (subnet is not { RouteTablesApplyToPrivateEndpoints: true }) return false;
        var vnetSpace = evidence.Resource<VirtualNetworkView>(subnet.VirtualNetworkId)?.AddressPrefixes
            .Select(p => IpPrefix.TryParse(p, out var vp) ? (IpPrefix?)vp : null).OfType<IpPrefix>().FirstOrDefault(vp => vp.Contains(address));
        return vnetSpace is { } space && route.Length <= space.Length;
    }

    private static Route? Winner(IReadOnlyList<Route> routes, IPAddress address, ServiceTagMatcher tags) =>
        routes.SelectMany(r => Prefixes(r, tags).Where(p => p.Contains(address)).Select(p => (Route: r, p.Length, IsTag: !IpPrefix.TryParse(r.AddressPrefix, out _))))
            .OrderByDescending(x => x.Length).ThenBy(x => x.IsTag)
            .Select(x => x.Route).FirstOrDefault();

    /// <summary>A route's address prefix, or the prefixes of the service tag it names (none when the bundle lacks the tag).</summary>
    private static IReadOnlyList<IpPrefix> Prefixes(Route route, ServiceTagMatcher tags) =>
        IpPrefix.TryParse(route.AddressPrefix, out var prefix) ? [prefix] : tags.KnownPrefixes(route.AddressPrefix) ?? [];
}
