using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>One hop's verdicts for a source subnet's traffic to each intended target, or why they cannot be had.</summary>
internal sealed record IntendedVerdicts<TStep>(SubnetView Subnet, IReadOnlyList<(IntendedTarget Target, TStep Hop)> Verdicts) where TStep : PathStep
{
    /// <summary>The first undecided verdict's need, when one is undecided.</summary>
    public SkipReason? Undecided => Verdicts.Select(v => v.Hop).FirstOrDefault(h => h.Status == StepStatus.Unknown)?.Needs;

    /// <summary>The verdicts naming <paramref name="ruleId"/>, one per distinct <paramref name="cause"/>.</summary>
    public IReadOnlyList<(IntendedTarget Target, TStep Hop)> Naming<TKey>(string ruleId, Func<TStep, TKey> cause) =>
        Verdicts.Where(v => v.Hop.RuleId == ruleId).GroupBy(v => cause(v.Hop)).Select(g => g.First()).ToList();

    /// <summary>
    /// Weighs <paramref name="hop"/> from <paramref name="subnetId"/> to each intended target; <paramref name="skip"/> says why not
    /// when the subnet, the registry or an approved private endpoint was not read.
    /// </summary>
    public static IntendedVerdicts<TStep>? For(EvidenceView evidence, string subnetId, Func<SubnetView, PathTarget, TStep> hop, out RuleResult? skip)
    {
        skip = null;
        if (evidence.Resource<SubnetView>(subnetId) is not { } subnet) skip = RuleResult.Skip(evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"));
        else if (evidence.Registry is null) skip = RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        else if (IntendedTargets.For(evidence, out var unread) is not { } targets) skip = RuleResult.Skip(unread!);
        else return new(subnet, targets.Select(t => (t, hop(subnet, t.Target))).ToList());
        return null;
    }
}

/// <summary>The hops rules map most often, weighed for each intended target of one source subnet.</summary>
internal static class IntendedHops
{
    public static IntendedVerdicts<RouteStep>? Routes(EvidenceView evidence, string subnetId, out RuleResult? skip) =>
        IntendedVerdicts<RouteStep>.For(evidence, subnetId, (subnet, target) => RouteHop.Evaluate(evidence, subnet, target), out skip);

    /// <summary>Passed when the subnet has no route table: system routes carry registry traffic, and no user route can misdirect it.</summary>
    public static RuleResult? NoRouteTable(EvidenceView evidence, string subnetId) =>
        evidence.Resource<SubnetView>(subnetId) is { RouteTableId: null }
            ? RuleResult.Pass("no route table on the client subnet: system routes carry registry traffic")
            : null;
}
