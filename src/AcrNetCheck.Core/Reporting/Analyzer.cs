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
        var results = (rules ?? RuleCatalog.All).Select(rule => (rule, result: EvaluateIsolated(rule, evidence))).ToList();
        return ReportBuilder.Build(evidence, results, AnalyzePathsIsolated(evidence));
    }

    /// <summary>The path analysis, isolated like a rule: a failure is a check in error, never a crash.</summary>
    private static PathsOutcome AnalyzePathsIsolated(EvidenceView evidence)
    {
        try { return new(PathAnalyzer.Analyze(evidence), null); }
        catch (Exception ex) { return new([], RuleResult.Errored(ex)); }
    }

    private static RuleResult EvaluateIsolated(Rule rule, EvidenceView evidence)
    {
        try { return rule.Evaluate(evidence); }
        catch (Exception ex) { return RuleResult.Errored(ex); }
    }
}
