using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// Weighs TCP 443 from the subnet to the target against the NSGs on the client's NIC and subnet, via <see cref="NsgEvaluator"/>;
/// the security rules Azure applies to the client's NIC decide instead when they were read (<see cref="EffectiveHops"/>).
/// </summary>
internal static class NsgHop
{
    public static NsgStep Evaluate(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var configured = Configured(evidence, subnet, target);
        return EffectiveHops.Nsg(evidence, subnet, target, configured) ?? configured;
    }

    private static NsgStep Configured(EvidenceView evidence, SubnetView subnet, PathTarget target)
    {
        var client = ClientNsgs.For(evidence, subnet);
        NsgStep Step(StepStatus status, string label, string detail, IReadOnlyList<NsgMatch>? matches = null, SkipReason? needs = null, string? ruleId = null, IReadOnlyList<EvidenceRef>? refs = null) => new()
        {
            Step = PathStep.Nsg, Status = status, Label = label, Detail = detail, Needs = needs, RuleId = ruleId,
            Source = client.Source?.Address, SourceLabel = client.Source?.Label, Destination = target.Address, DestinationTag = target.Tag, Matches = matches ?? [], Evidence = refs ?? [],
        };

        if (client.MissingReason is { } nicUnread) return Step(StepStatus.Unknown, "NSG unknown", "The client's NIC was not read.", needs: nicUnread);
        if (client.Attached.Count == 0) return Step(StepStatus.Ok, "NSG none", $"No network security group on subnet {subnet.Name} or the client's NIC.");
        if (client.Source is not { } source)
            return Step(StepStatus.Unknown, "NSG unknown", $"Subnet {subnet.Name} has no address prefix to weigh the rules from.", needs: SkipReason.Needs($"arm.resources[{subnet.Id}].properties.addressPrefix"));

        var space = NsgAddressSpace.For(evidence, subnet);
        var flow = new NsgFlow(source.Address, target.Address, target.Tag);
        var matches = new List<NsgMatch>();
        var refs = new List<EvidenceRef>();
        foreach (var attached in client.Attached)
        {
            if (evidence.Resource<NetworkSecurityGroupView>(attached.Id) is not { } nsg)
                return Step(StepStatus.Unknown, "NSG unknown", $"The NSG on {attached.Attachment} was not read.", matches, evidence.MissingReason(attached.Id, $"arm.resources[{attached.Id}]"));
            var verdict = NsgEvaluator.EvaluateOutbound(nsg, flow, space);
            var rule = verdict.Rule;
            matches.Add(new NsgMatch(nsg.Id, attached.Attachment, verdict.Decision.ToString().ToLowerInvariant(), rule?.Name, rule?.Priority, rule?.Access, rule?.IsDefault ?? false));
            if (rule is not null)
                refs.Add(new EvidenceRef(nsg.Id, $"properties.{(rule.IsDefault ? "defaultSecurityRules" : "securityRules")}[name={rule.Name}].properties.access", rule.Access));
            var detail = $"TCP 443 from {source.Label} to {target.Words}: {verdict.Reason}.";
            if (verdict.Decision == NsgDecision.Deny)
                return Step(StepStatus.Blocked, $"NSG deny ({Describe(rule!)})", detail, matches, ruleId: NsgDeniesOutboundRule.Id, refs: refs);
            if (verdict.Decision == NsgDecision.Indeterminate)
                return Step(StepStatus.Unknown, rule?.UsesApplicationSecurityGroups == true ? $"NSG not evaluated ({Describe(rule)} uses an application security group)" : "NSG undecided",
                    detail, matches, SkipReason.Needs(verdict.Needs is null ? verdict.Reason : $"{verdict.Needs} ({verdict.Reason})"), refs: refs);
        }
        return Step(StepStatus.Ok, $"NSG allow ({string.Join(", ", matches.Select(m => $"rule '{m.RuleName}' {m.Priority}"))})",
            $"TCP 443 from {source.Label} to {target.Words} is allowed by {FindingText.List(matches.Select(m => $"rule {m.RuleName} ({m.Priority}) on {m.Attachment}"))}.", matches, refs: refs);
    }

    private static string Describe(SecurityRule rule) => $"rule '{rule.Name}' {rule.Priority}";
}
