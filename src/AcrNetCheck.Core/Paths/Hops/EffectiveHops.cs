using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// The NSG and route hops as Azure applies them to the client's NIC (<c>--from &lt;vm | nic&gt;</c>): the effective security rules
/// and routes ARM computed, which include what configuration cannot show (routes learned from gateways and BGP, NSGs
/// inherited through the NIC, the default rules). For a scale-set instance (<c>--aks</c> node pools, <c>--from &lt;vmss instance&gt;</c>),
/// whose NIC has no effective-state actions in ARM, Network Watcher's NSG diagnostic decides the NSG hop instead; its route hop
/// stays predicted from configuration. When they were read they decide the hop; where the configuration alone predicted
/// otherwise, the step says so.
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

    /// <summary>
    /// The NSG hop as Azure applies it: the client NIC's effective security rules when they were read, else Network Watcher's
    /// diagnostic of a scale-set instance in the subnet (<c>--aks</c> node pools, <c>--from &lt;vmss instance&gt;</c>); null when neither speaks for the subnet.
    /// </summary>
    public static NsgStep? Nsg(EvidenceView evidence, SubnetView subnet, PathTarget target, NsgStep configured) =>
        NicIn(evidence, subnet) is { } nicId && EffectiveSecurityGroups.Of(evidence, nicId) is { } effective
            ? EffectiveRules(evidence, subnet, target, configured, nicId, effective)
            : Diagnosed(evidence, subnet, target, configured);

    private static NsgStep? EffectiveRules(EvidenceView evidence, SubnetView subnet, PathTarget target, NsgStep configured, string nicId, EffectiveSecurityGroups effective)
    {
        if (ClientNsgs.For(evidence, subnet).Source is not { } source) return null;
        NsgStep Step(StepStatus status, string label, string detail, IReadOnlyList<NsgMatch> matches, IReadOnlyList<EvidenceRef> refs, SkipReason? needs = null, string? ruleId = null) =>
            AppliedNsgStep(source, target, configured, status, label, detail, matches, refs, needs, ruleId);

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

    /// <summary>
    /// The NSG hop from a scale-set instance in the subnet, as Network Watcher's networkConfigurationDiagnostic weighed TCP 443 from
    /// its NIC to the target address against every NSG Azure applies there (the NIC's, which configuration alone may not show, and
    /// the subnet's). Without an answer the configured prediction stands, and says why the diagnostic did not speak.
    /// </summary>
    private static NsgStep? Diagnosed(EvidenceView evidence, SubnetView subnet, PathTarget target, NsgStep configured)
    {
        var nics = NetworkWatcherChecks.ScaleSetNics(evidence).Where(n => ResourceId.AreEqual(n.SubnetId, subnet.Id)).ToList();
        if (nics.Count == 0 || target.Address is not { } address) return null;
        var unanswered = new List<string>();
        foreach (var nic in nics)
        {
            if (Diagnosis(evidence, nic, address, out var why) is { } diagnosis) return FromDiagnosis(diagnosis, nic, address, target, configured);
            unanswered.Add($"NIC {nic.Name}: {why}");
        }
        return configured with
        {
            Assumptions =
            [
                .. configured.Assumptions,
                $"Network Watcher's NSG diagnostic did not answer for {target.Words} ({FindingText.List(unanswered)}): the NSG hop is predicted from configuration, which cannot show an NSG on the scale set's NICs",
            ],
        };
    }

    /// <summary>The recorded diagnostic for the NIC and address, or why there is none (no region, no watcher, a refused or failed call).</summary>
    private static NsgDiagnostic? Diagnosis(EvidenceView evidence, NetworkWatcherChecks.ScaleSetNic nic, string address, out string why)
    {
        why = "";
        if (nic.Region is not { } region) { why = evidence.Resource<NetworkInterfaceView>(nic.NicId) is null ? evidence.MissingReason(nic.NicId, $"arm.resources[{nic.NicId}]") : "its region is not known"; return null; }
        var list = NetworkWatcherChecks.WatchersList(nic.SubscriptionId);
        if (evidence.List(list) is null) { why = evidence.MissingReason(list, $"arm.lists[{list}]"); return null; }
        if (NetworkWatcherChecks.WatcherIn(evidence, nic.SubscriptionId, region) is not { } watcher)
        {
            why = $"no Network Watcher in {region} (enable it: {NetworkWatcherChecks.EnableCommand(region)})";
            return null;
        }
        var key = NetworkWatcherChecks.DiagnosticKey(watcher, nic.NicId, address);
        if (NsgDiagnostic.Of(evidence, key) is { } diagnosis) return diagnosis;
        why = evidence.MissingReason(key, $"arm.resources[{key}]");
        return null;
    }

    private static NsgStep FromDiagnosis(NsgDiagnostic diagnosis, NetworkWatcherChecks.ScaleSetNic nic, string address, PathTarget target, NsgStep configured)
    {
        var source = nic.Address is { } own ? new FlowSource(own, $"{own} ({nic.Name})") : new FlowSource("*", $"NIC {nic.Name}");
        var groups = diagnosis.Groups;
        var denying = groups.FirstOrDefault(g => g.Denies);
        var weighed = denying is null ? groups : groups.TakeWhile(g => g != denying).Append(denying).ToList();
        var matches = weighed.Select(g => new NsgMatch(g.NsgId, g.Attachment, g.Denies ? "deny" : "allow", g.RuleName, null, g.Action, g.IsDefaultRule)).ToList();
        var refs = new List<EvidenceRef> { new(diagnosis.Key, "results[0].networkSecurityGroupResult.securityRuleAccessResult", diagnosis.Access ?? "(none)") };
        refs.AddRange(weighed.Select(g => new EvidenceRef(diagnosis.Key, $"results[0].networkSecurityGroupResult.evaluatedNetworkSecurityGroups[networkSecurityGroupId={g.NsgId}].matchedRule", $"{g.MatchedRule}: {g.Action}")));
        var flow = $"TCP 443 from {source.Label} to {target.Words} ({address}), as Network Watcher's diagnostic weighed the rules Azure applies to scale-set NIC {nic.Name}";
        NsgStep Step(StepStatus status, string label, string detail, string? ruleId = null, SkipReason? needs = null) =>
            AppliedNsgStep(source, target, configured, status, label, detail, matches, refs, needs, ruleId);

        if (string.Equals(diagnosis.Access, "Deny", StringComparison.OrdinalIgnoreCase))
            return denying is null
                ? Step(StepStatus.Blocked, "NSG deny (effective)", $"{flow}: denied, without naming the rule.", NsgDeniesOutboundRule.Id)
                : Step(StepStatus.Blocked, $"NSG deny (rule '{denying.RuleName}', effective)",
                    $"{flow}: rule {denying.RuleName} of NSG {new ResourceId(denying.NsgId).Name} on {denying.Attachment} denies it.", NsgDeniesOutboundRule.Id);
        if (!string.Equals(diagnosis.Access, "Allow", StringComparison.OrdinalIgnoreCase))
            return Step(StepStatus.Unknown, "NSG undecided (effective)", $"{flow}: no verdict in the answer.",
                needs: SkipReason.Needs($"arm.resources[{diagnosis.Key}].results[0].networkSecurityGroupResult.securityRuleAccessResult"));
        if (groups.Count == 0)
            return Step(StepStatus.Ok, "NSG none (effective)", $"{flow}: no network security group applies.");
        return Step(StepStatus.Ok, $"NSG allow ({string.Join(", ", matches.Select(m => $"rule '{m.RuleName}'"))}, effective)",
            $"{flow}: allowed by {FindingText.List(matches.Select(m => $"rule {m.RuleName} on {m.Attachment}"))}.");
    }

    /// <summary>The NSG hop decided by what Azure applies (the NIC's effective rules, or Network Watcher's diagnostic), set beside the configured prediction.</summary>
    private static NsgStep AppliedNsgStep(FlowSource source, PathTarget target, NsgStep configured, StepStatus status, string label, string detail,
        IReadOnlyList<NsgMatch> matches, IReadOnlyList<EvidenceRef> refs, SkipReason? needs, string? ruleId) => Compared(new NsgStep
        {
            Step = PathStep.Nsg, Status = status, Label = label, Detail = detail, Needs = needs, RuleId = ruleId, Matches = matches, Evidence = refs,
            Source = source.Address, SourceLabel = source.Label, Destination = target.Address, DestinationTag = target.Tag,
        }, configured);

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
