using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// The NSG and route hops as Azure applies them to the client's NIC (<c>--from &lt;vm | nic&gt;</c>): the effective security rules
/// and routes ARM computed, which include what configuration cannot show (routes learned from gateways and BGP, NSGs
/// inherited through the NIC, the default rules). When they were read they decide the hop; where the configuration alone
/// predicted otherwise, the step says so.
/// </summary>
internal static class EffectiveHops
{
    /// <summary>The vantage NIC when it sits in <paramref name="subnet"/>: only its effective state speaks for that subnet.</summary>
    public static string? NicIn(EvidenceView evidence, SubnetView subnet)
    {
        if (evidence.Bundle.Vantage?.NetworkInterfaceId is not { } nicId) return null;
        return evidence.Resource<NetworkInterfaceView>(nicId) is { } nic
            ? nic.IpConfigurations.Any(c => ResourceId.AreEqual(c.SubnetId, subnet.Id)) ? nicId : null
            : ResourceId.AreEqual(evidence.VantageSubnet?.Id, subnet.Id) ? nicId : null;
    }

    public static NsgStep? Nsg(EvidenceView evidence, SubnetView subnet, PathTarget target, NsgStep configured)
    {
        if (NicIn(evidence, subnet) is not { } nicId || EffectiveSecurityGroups.Of(evidence, nicId) is not { } effective) return null;
        if (ClientNsgs.For(evidence, subnet).Source is not { } source) return null;
        NsgStep Step(StepStatus status, string label, string detail, IReadOnlyList<NsgMatch> matches, IReadOnlyList<EvidenceRef> refs, SkipReason? needs = null, string? ruleId = null) =>
            Compared(new NsgStep
            {
                Step = PathStep.Nsg, Status = status, Label = label, Detail = detail, Needs = needs, RuleId = ruleId, Matches = matches, Evidence = refs,
                Source = source.Address, SourceLabel = source.Label, Destination = target.Address, DestinationTag = target.Tag,
            }, configured);

        if (effective.Groups.Count == 0)
            return Step(StepStatus.Ok, "NSG none (effective)", $"Azure applies no network security group to NIC {new ResourceId(nicId).Name} (its effective security rules).", [], []);
        var flow = new NsgFlow(source.Address, target.Address, target.Tag);
        var space = NsgAddressSpace.For(evidence, subnet);
        var matches = new List<NsgMatch>();
        var refs = new List<EvidenceRef>();
        foreach (var group in effective.Groups)
        {
            var verdict = NsgEvaluator.EvaluateOutbound(group.Rules, flow, space);
            var rule = verdict.Rule;
            matches.Add(new NsgMatch(group.NsgId, group.Attachment, verdict.Decision.ToString().ToLowerInvariant(), rule?.Name, rule?.Priority, rule?.Access, rule?.IsDefault ?? false));
            if (rule is not null)
                refs.Add(new EvidenceRef(effective.Path, $"value[networkSecurityGroup.id={group.NsgId}].effectiveSecurityRules[name={(rule.IsDefault ? "defaultSecurityRules" : "securityRules")}/{rule.Name}].access", rule.Access));
            var detail = $"TCP 443 from {source.Label} to {target.Words}, by the rules Azure applies: {verdict.Reason}.";
            if (verdict.Decision == NsgDecision.Deny)
                return Step(StepStatus.Blocked, $"NSG deny (rule '{rule!.Name}' {rule.Priority}, effective)", detail, matches, refs, ruleId: NsgDeniesOutboundRule.Id);
            if (verdict.Decision == NsgDecision.Indeterminate)
                return Step(StepStatus.Unknown, "NSG undecided (effective)", detail, matches, refs, SkipReason.Needs(verdict.Needs is null ? verdict.Reason : $"{verdict.Needs} ({verdict.Reason})"));
        }
        return Step(StepStatus.Ok, $"NSG allow ({string.Join(", ", matches.Select(m => $"rule '{m.RuleName}' {m.Priority}"))}, effective)",
            $"TCP 443 from {source.Label} to {target.Words} is allowed by the rules Azure applies: {FindingText.List(matches.Select(m => $"rule {m.RuleName} ({m.Priority}) on {m.Attachment}"))}.", matches, refs);
    }

    public static RouteStep? Route(EvidenceView evidence, SubnetView subnet, PathTarget target, RouteStep configured)
    {
        if (NicIn(evidence, subnet) is not { } nicId || EffectiveRouteTable.Of(evidence, nicId) is not { } table) return null;
        var nic = new ResourceId(nicId).Name;
        var assumptions = new List<string>();
        var addresses = Destinations(evidence, target, assumptions);
        RouteStep Step(StepStatus status, string label, string detail, EffectiveRoute? route, string? ruleId = null, SkipReason? needs = null) => Compared(new RouteStep
        {
            Step = PathStep.Route, Status = status, Label = label, Detail = detail, RuleId = ruleId, Needs = needs, Assumptions = assumptions,
            RouteName = route?.Label, AddressPrefix = route?.AddressPrefix, NextHopType = route?.NextHopType ?? "None", NextHopIpAddress = route?.NextHopIpAddress,
            Evidence = [new EvidenceRef(table.Path, route is null ? "value[?state=='Active']" : $"value[{route.Index}].nextHopType", route?.NextHopType ?? "no active route")],
        }, configured);

        if (addresses.Count == 0)
        {
            // No address to match: only the default route is known to carry the traffic.
            var fallback = table.ActiveRoutes.FirstOrDefault(r => IpPrefix.TryParse(r.AddressPrefix, out var p) && p.Length == 0);
            assumptions.Add($"the prefixes of {target.Tag} are not in the bundle, so only the effective 0.0.0.0/0 route was weighed");
            return Classify(fallback, "0.0.0.0/0");
        }
        // The worst route any of the destination's addresses takes decides: a drop, then a detour, then a delivery.
        var winners = addresses.Select(a => (Address: a, Route: table.For(a))).ToList();
        var worst = winners.OrderBy(w => Rank(w.Route, target)).First();
        return Classify(worst.Route, worst.Address);

        RouteStep Classify(EffectiveRoute? route, string address)
        {
            var routeWords = route is null ? "" : $"{route.Label} for {route.AddressPrefix}";
            if (route is null || route.NextHopType.Equals("None", StringComparison.OrdinalIgnoreCase) || (target.IsPrivate && route.NextHopType.Equals("Internet", StringComparison.OrdinalIgnoreCase)))
                return Step(StepStatus.Blocked, route is null ? "route none (effective)" : $"route drop ({route.Source}, effective)",
                    route is null
                        ? $"No active route of NIC {nic}'s effective routes covers {address} ({target.Words}): Azure drops the traffic."
                        : $"Azure applies {routeWords} on NIC {nic}, next hop {route.NextHopType}: traffic to {target.Words} ({address}) is dropped.",
                    route, EffectiveRouteDropsRegistryTrafficRule.Id);
            if (Delivers(route, target))
                return Step(StepStatus.Ok, target.IsPrivate ? $"route {route.NextHopType} (effective)" : "route internet (effective)",
                    $"Azure applies {routeWords} on NIC {nic}: next hop {route.NextHopType} delivers {target.Words}.", route);
            var hop = route.NextHopIpAddress is { } ip ? $"{route.NextHopType} {ip}" : route.NextHopType;
            return Step(StepStatus.Warning, $"route {hop} ({route.Source}, effective)",
                $"Azure applies {routeWords} on NIC {nic}: traffic to {target.Words} goes to next hop {hop}.", route, EffectiveRouteDivertsRegistryTrafficRule.Id,
                SkipReason.Needs($"what lies behind next hop {hop}: it must forward HTTPS (443) to {FindingText.List(evidence.Endpoints.Select(e => e.Host))}"));
        }
    }

    /// <summary>The addresses whose route decides: the private endpoint's, else the first address of each of the service's regional prefixes.</summary>
    private static IReadOnlyList<string> Destinations(EvidenceView evidence, PathTarget target, List<string> assumptions)
    {
        if (target.IsPrivate) return target.Address is { } address ? [address] : [];
        var prefixes = ServiceTagMatcher.For(evidence).PublicPrefixes(target.Service, target.Region is { } region ? [region] : []).Where(p => p.IsIPv4).ToList();
        if (prefixes.Count > 0) return prefixes.Select(p => p.Network.ToString()).Distinct().ToList();
        return target.Address is { } one ? [one] : [];
    }

    private static int Rank(EffectiveRoute? route, PathTarget target) =>
        route is null || route.NextHopType.Equals("None", StringComparison.OrdinalIgnoreCase) ? 0 : Delivers(route, target) ? 2 : 1;

    // System next hops that hand the packet to its destination: the VNet, a peering, the private endpoint's own route,
    // a service endpoint, or (for public addresses only) the internet.
    private static readonly string[] Delivering = ["VnetLocal", "VNetPeering", "VNetGlobalPeering", "InterfaceEndpoint", "VirtualNetworkServiceEndpoint"];

    private static bool Delivers(EffectiveRoute route, PathTarget target) =>
        Delivering.Contains(route.NextHopType, StringComparer.OrdinalIgnoreCase)
        || (!target.IsPrivate && route.NextHopType.Equals("Internet", StringComparison.OrdinalIgnoreCase));

    /// <summary>The effective step, saying so when the configuration alone predicted another outcome: the effective answer wins.</summary>
    private static T Compared<T>(T effective, T configured) where T : PathStep =>
        configured.Status == effective.Status && configured.RuleId == effective.RuleId
            ? effective
            : effective with
            {
                Detail = $"{effective.Detail} The configuration alone predicted \"{configured.Label}\" ({configured.Detail.TrimEnd('.')}); " +
                         "the state Azure applies wins.",
            };
}
