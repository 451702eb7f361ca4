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
        return ReportBuilder.Build(evidence, results);
    }

    private static RuleResult EvaluateIsolated(Rule rule, EvidenceView evidence)
    {
        try { return rule.Evaluate(evidence); }
        catch (Exception ex) { return RuleResult.Errored(ex); }
    }
}
