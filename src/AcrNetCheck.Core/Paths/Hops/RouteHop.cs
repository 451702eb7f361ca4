using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>Finds the route that carries traffic from the subnet to the target, via <see cref="RouteEvaluator"/>, and what its next hop means.</summary>
internal static class RouteHop
{
    public static RouteStep Evaluate(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var systemHop = target.IsPrivate ? "InterfaceEndpoint" : "Internet";
        RouteStep System(string detail, string? tableId = null, IReadOnlyList<string>? assumptions = null) => new()
        {
            Step = PathStep.Route, Status = StepStatus.Ok, Label = target.IsPrivate ? "route private endpoint" : "route internet", Detail = detail,
            NextHopType = systemHop, RouteTableId = tableId, Assumptions = assumptions ?? [],
        };

        if (subnet.RouteTableId is not { } tableId) return System($"Subnet {subnet.Name} has no route table: a system route carries traffic to {target.Words}.");
        if (evidence.Resource<RouteTableView>(tableId) is not { } table)
            return new RouteStep { Step = PathStep.Route, Status = StepStatus.Unknown, Label = "route unknown", Detail = $"The route table of subnet {subnet.Name} was not read.",
                NextHopType = "unknown", RouteTableId = tableId, Needs = evidence.MissingReason(tableId, $"arm.resources[{tableId}]") };

        var assumptions = new List<string>();
        var route = target.IsPrivate
            ? RouteEvaluator.ForPrivateEndpoint(evidence, table.Routes, target.Address!)
            : PublicRoute(evidence, table.Routes, target, assumptions);
        if (route is null)
            return System(target.IsPrivate
                ? $"No route of {table.Name} overrides the private endpoint's own /32 system route to {target.Address}."
                : $"No route of {table.Name} covers {target.Words}: the system route to the internet carries it.", table.Id, assumptions);
        return Hop(evidence, table, route, target, assumptions);
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
