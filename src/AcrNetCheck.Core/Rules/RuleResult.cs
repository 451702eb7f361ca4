using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules;

public enum RuleOutcome { Passed, Failed, Skipped, Error }

/// <summary>
/// A rule's outcome, always with a reason. Skipped reasons read <c>needs:&lt;evidence&gt;</c>,
/// <c>collection-failed:&lt;read&gt;</c> or <c>not-applicable:&lt;why&gt;</c>; missing evidence is never "passed".
/// </summary>
public sealed record RuleResult(RuleOutcome Outcome, string? Reason, IReadOnlyList<Finding> Findings)
{
    /// <summary>Why a skipped rule could not decide; null unless skipped.</summary>
    public SkipReason? SkipReason { get; init; }

    public static RuleResult Pass(string? reason = null) => new(RuleOutcome.Passed, reason, []);

    public static RuleResult Skip(SkipReason reason) => new(RuleOutcome.Skipped, reason.ToString(), []) { SkipReason = reason };

    public static RuleResult NotApplicable(string why) => Skip(Evidence.SkipReason.NotApplicable(why));

    public static RuleResult Needs(string what) => Skip(Evidence.SkipReason.Needs(what));

    /// <summary>Failed when there are findings, passed otherwise.</summary>
    public static RuleResult From(IEnumerable<Finding> findings, string? passReason = null)
    {
        var list = findings.ToList();
        return list.Count == 0 ? Pass(passReason) : new(RuleOutcome.Failed, null, list);
    }

    public static RuleResult Fail(params Finding[] findings) => From(findings);

    public static RuleResult Errored(Exception ex) => new(RuleOutcome.Error, $"rule-error:{ex.GetType().Name}: {ex.Message}", []);
}
