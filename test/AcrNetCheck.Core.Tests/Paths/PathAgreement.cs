using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>
/// A path's verdict and the report's findings come from one decision: every blocked path names a cause that fired, and every
/// fired finding of a rule that judges hops appears on some path of the same report, or is the consequence of one that does
/// (a 403 the probe observed, explained by the access hop's cause).
/// </summary>
public static class PathAgreement
{
    public static IReadOnlyList<string> Disagreements(Report report)
    {
        var fired = report.Findings.Select(f => f.Id).ToHashSet();
        var problems = new List<string>();
        foreach (var path in report.Paths.Where(p => p.Verdict == AcrNetCheck.Core.Paths.PathVerdict.Blocked))
        {
            if (path.RuleId is null) problems.Add($"blocked path with no cause: {path.Summary}");
            else if (!fired.Contains(path.RuleId)) problems.Add($"blocked path's {path.RuleId} did not fire: {path.Summary}");
            foreach (var step in path.Steps.Where(s => s.Status == StepStatus.Blocked && s.RuleId is not null && !fired.Contains(s.RuleId)))
                problems.Add($"blocked {step.Step} step's {step.RuleId} did not fire: {path.Summary}");
        }
        if (report.Paths.Count == 0) return problems;
        var onPaths = report.Paths.SelectMany(p => p.Steps).Select(s => s.RuleId).OfType<string>().ToHashSet();
        var byKey = report.Findings.ToDictionary(f => f.Key);
        bool OnPathOrExplainedFromOne(FindingReport finding) =>
            onPaths.Contains(finding.Id) || finding.ExplainedBy is { } cause && byKey.TryGetValue(cause, out var by) && OnPathOrExplainedFromOne(by);
        foreach (var finding in report.Findings.Where(f => HopRuleIds.Contains(f.Id) && !OnPathOrExplainedFromOne(f)))
            problems.Add($"fired {finding.Id} appears on no path: {finding.Message}");
        return problems;
    }

    /// <summary>The rules whose causes a path hop decides.</summary>
    public static IReadOnlySet<string> HopRuleIds => AcrNetCheck.Core.Paths.PathHopRules.Ids;
}
