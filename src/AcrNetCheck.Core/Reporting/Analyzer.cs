using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>Runs every rule against a bundle (each isolated: one throwing rule never breaks the run) and builds the report.</summary>
public static class Analyzer
{
    public static Report Analyze(EvidenceBundle bundle, IReadOnlyList<Rule>? rules = null)
    {
        var evidence = new EvidenceView(bundle);
        var all = rules ?? RuleCatalog.All;
        var results = all.Where(rule => rule is not FallbackRule).Select(rule => (rule, result: EvaluateIsolated(rule, evidence))).ToList();
        // Fallback rules speak only where the others are silent, so they see what the others found.
        var found = results.SelectMany(r => r.result.Findings.Select(f => (r.rule.Descriptor, f))).ToList();
        foreach (var fallback in all.OfType<FallbackRule>())
            results.Add((fallback, EvaluateIsolated(() => fallback.Evaluate(evidence, found))));
        var order = all.Select((rule, i) => (rule, i)).ToDictionary(x => x.rule, x => x.i);
        results = results.OrderBy(r => order[r.rule]).ToList();
        return ReportBuilder.Build(evidence, results, AnalyzePathsIsolated(evidence));
    }

    /// <summary>The path analysis, isolated like a rule: a failure is a check in error, never a crash.</summary>
    private static PathsOutcome AnalyzePathsIsolated(EvidenceView evidence)
    {
        try { return new(PathAnalyzer.Analyze(evidence), null); }
        catch (Exception ex) { return new([], RuleResult.Errored(ex)); }
    }

    private static RuleResult EvaluateIsolated(Rule rule, EvidenceView evidence) => EvaluateIsolated(() => rule.Evaluate(evidence));

    private static RuleResult EvaluateIsolated(Func<RuleResult> evaluate)
    {
        try { return evaluate(); }
        catch (Exception ex) { return RuleResult.Errored(ex); }
    }
}
