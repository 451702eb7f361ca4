using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Paths;

/// <summary>
/// Runs a per-subnet check for every source subnet of the vantage (<c>vantage.subnetId</c> and <c>vantage.sourceSubnetIds</c>)
/// and folds the results into one: failed with every distinct finding; else skipped when some subnet could not be judged
/// (missing evidence is never "passed"); else passed.
/// </summary>
internal static class SourceSubnets
{
    public const string Needed = "vantage.subnetId (--from <subnet>)";

    public static RuleResult EvaluateEach(EvidenceView evidence, Func<string, RuleResult> evaluate)
    {
        var results = evidence.SourceSubnetIds.Select(evaluate).ToList();
        if (results.Count == 0) return RuleResult.Needs(Needed);
        if (results.Count == 1) return results[0];

        // Subnets sharing an NSG or a route table meet the same rule: one finding names it once.
        var findings = results.SelectMany(r => r.Findings).DistinctBy(f => f.Subject).ToList();
        if (findings.Count > 0) return RuleResult.From(findings);
        return results.FirstOrDefault(r => r.SkipReason is { Kind: not SkipKind.NotApplicable })
               ?? results.FirstOrDefault(r => r.Outcome == RuleOutcome.Passed)
               ?? results[0];
    }
}
