using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// Finds the route that carries traffic from the subnet to the target, via <see cref="RouteEvaluator"/>, and what its next hop
/// means; the routes Azure applies to the client's NIC decide instead when they were read (<see cref="EffectiveHops"/>).
/// </summary>
internal static class RouteHop
{
    public static RouteStep Evaluate(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var configured = Configured(evidence, subnet, target);
        return EffectiveHops.Route(evidence, subnet, target, configured) ?? configured;
    }

    private static RouteStep Configured(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var systemHop = target.IsPrivate ? "InterfaceEndpoint" : "Internet";
        RouteStep System(string detail, string? tableId = null, IReadOnlyList<string>? assumptions = null) => new()
        {
            Step = PathStep.Route, Status = StepStatus.Ok, Label = target.IsPrivate ? "route private endpoint" : "route internet", Detail = detail,
            NextHopType = systemHop, RouteTableId = tableId, Assumptions = assumptions ?? [],
        };

        if (subnet.RouteTableId is not { } tableId)
            return (target.IsPrivate ? PeeringVerdict(evidence, subnet, target) : null)
                   ?? System($"Subnet {subnet.Name} has no route table: a system route carries traffic to {target.Words}.");
        if (evidence.Resource<RouteTableView>(tableId) is not { } table)
            return new RouteStep { Step = PathStep.Route, Status = StepStatus.Unknown, Label = "route unknown", Detail = $"The route table of subnet {subnet.Name} was not read.",
                NextHopType = "unknown", RouteTableId = tableId, Needs = evidence.MissingReason(tableId, $"arm.resources[{tableId}]") };

        var assumptions = new List<string>();
        // Without a peering the endpoint's /32 system route is not there: whatever user route covers the address carries it.
        var unpeered = target.IsPrivate ? PeeringVerdict(evidence, subnet, target) : null;
        var route = !target.IsPrivate ? PublicRoute(evidence, table.Routes, target, assumptions)
            : unpeered is null ? RouteEvaluator.ForPrivateEndpoint(evidence, table.Routes, target.Address!)
            : RouteEvaluator.Covering(table.Routes, target.Address!);
        if (route is null)
            return unpeered ?? System(target.IsPrivate
                ? $"No route of {table.Name} overrides the private endpoint's own /32 system route to {target.Address}."
                : $"No route of {table.Name} covers {target.Words}: the system route to the internet carries it.", table.Id, assumptions);
        return Hop(evidence, table, route, target, assumptions);
    }

    /// <summary>
    /// Without a user-defined route, a private endpoint's /32 system route exists only in its own VNet and in VNets peered with
    /// it (peering is not transitive: a hub-and-spoke path needs a route to an appliance, which the route table would show).
    /// Null when the subnet's VNet is the endpoint's or peered with it.
    /// </summary>
    private static RouteStep? PeeringVerdict(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var endpointVnets = evidence.ApprovedConnections.Select(c => evidence.Resource<PrivateEndpointView>(c.PrivateEndpointId))
            .Where(pe => pe is not null && (pe.CustomDnsConfigs.Count == 0 || pe.CustomDnsConfigs.Any(c => c.IpAddresses.Contains(target.Address!))))
            .Select(pe => pe!.SubnetId is { } endpointSubnet ? new ResourceId(endpointSubnet).Parent : null).OfType<string>().Distinct(ResourceId.Comparer).ToList();
        var own = subnet.VirtualNetworkId;
        if (endpointVnets.Count == 0 || own.Length == 0) return null;
        if (endpointVnets.Any(v => ResourceId.AreEqual(v, own))) return null;
        var ownView = evidence.Resource<VirtualNetworkView>(own);
        bool Peered(string other) =>
            ownView?.PeeredVirtualNetworkIds.Any(p => ResourceId.AreEqual(p, other)) == true
            || evidence.Resource<VirtualNetworkView>(other)?.PeeredVirtualNetworkIds.Any(p => ResourceId.AreEqual(p, own)) == true;
        if (endpointVnets.Any(Peered)) return null;
        if (ownView is null)
            return new RouteStep { Step = PathStep.Route, Status = StepStatus.Unknown, Label = "route unknown (peering)", NextHopType = "unknown",
                Detail = $"The virtual network of subnet {subnet.Name} was not read, so whether it is peered with the private endpoint's is unknown.",
                Needs = evidence.MissingReason(own, $"arm.resources[{own}].properties.virtualNetworkPeerings") };
        var endpointVnet = endpointVnets[0];
        return new RouteStep
        {
            Step = PathStep.Route, Status = StepStatus.Blocked, Label = $"route none (not peered with {new ResourceId(endpointVnet).Name})", NextHopType = "None",
            Detail = $"{new ResourceId(own).Name} is not peered with {new ResourceId(endpointVnet).Name}, where {target.Words} lives, and no route sends it anywhere: no route leads there.",
            RuleId = PrivateEndpointVnetNotPeeredRule.Id,
            Evidence = [new EvidenceRef(own, "properties.virtualNetworkPeerings[*].properties.remoteVirtualNetwork.id",
                FindingText.List(ownView.PeeredVirtualNetworkIds.Select(v => new ResourceId(v).Name).DefaultIfEmpty("none")), endpointVnet)],
        };
    }

    /// <summary>The route that carries the public addresses: an appliance route if any wins somewhere, else a dropping one, else any winner.</summary>
    private static Route? PublicRoute(EvidenceView evidence, IReadOnlyList<Route> routes, PathTarget target, List<string> assumptions)
    {
        var tags = ServiceTagMatcher.For(evidence);
        var prefixes = tags.PublicPrefixes(target.Service, target.Region is { } region ? [region] : []);
        IReadOnlyList<Route> winners;
        if (prefixes.Count > 0) winners = RouteEvaluator.ForPublicPrefixes(routes, prefixes, tags);
        else
        {
            winners = RouteEvaluator.DefaultRoutes(routes);
            if (winners.Count < routes.Count)
                assumptions.Add($"the prefixes of {target.Tag} are not in the bundle, so only 0.0.0.0/0 routes were weighed: a more specific route may carry the traffic");
        }
        return winners.FirstOrDefault(RouteEvaluator.LeadsToAppliance) ?? winners.FirstOrDefault(r => IsDrop(r)) ?? winners.FirstOrDefault();
    }

    private static RouteStep Hop(EvidenceView evidence, RouteTableView table, Route route, PathTarget target, IReadOnlyList<string> assumptions)
    {
        var refs = new[] { new EvidenceRef(table.Id, $"properties.routes[name={route.Name}].properties.nextHopType", route.NextHopType) };
        var routeWords = $"route {route.Name} ({route.AddressPrefix}) of {table.Name}";
        var step = new RouteStep
        {
            Step = PathStep.Route, Status = StepStatus.Ok, Label = $"route internet ('{route.Name}')", Detail = $"{routeWords} sends {target.Words} to the internet.",
            RouteTableId = table.Id, RouteName = route.Name, AddressPrefix = route.AddressPrefix, NextHopType = route.NextHopType, NextHopIpAddress = route.NextHopIpAddress,
            Assumptions = assumptions, Evidence = refs,
        };
        var hosts = FindingText.List(evidence.Endpoints.Select(e => e.Host));
        var hop = route.NextHopIpAddress ?? "(no address)";
        if (RouteEvaluator.LeadsToAppliance(route))
            return step with
            {
                Status = StepStatus.Warning, Label = $"route firewall {hop}", RuleId = EgressViaFirewallRule.Id,
                Detail = $"{routeWords} sends {target.Words} to the virtual appliance {hop}.",
                Needs = SkipReason.Needs($"the rules of the firewall at {hop}: it must allow HTTPS (443) to {hosts}"),
            };
        if (IsDrop(route))
            return step with { Status = StepStatus.Blocked, Label = $"route drop ('{route.Name}')", Detail = $"{routeWords} drops {target.Words} (next hop None).", RuleId = RouteDropsRegistryTrafficRule.Id };
        if (!route.NextHopType.Equals("Internet", StringComparison.OrdinalIgnoreCase))
            return step with
            {
                Status = StepStatus.Warning, Label = $"route {route.NextHopType} ('{route.Name}')", Detail = $"{routeWords} sends {target.Words} to next hop {route.NextHopType}.",
                Needs = SkipReason.Needs($"what lies behind next hop {route.NextHopType}: it must forward HTTPS (443) to {hosts}"),
            };
        return step;
    }

    private static bool IsDrop(Route route) => route.NextHopType.Equals("None", StringComparison.OrdinalIgnoreCase);
}
