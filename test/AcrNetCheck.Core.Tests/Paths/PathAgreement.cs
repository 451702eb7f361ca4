using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>
/// A path's verdict and the report's findings come from one decision: every blocked path names a cause that fired, and every
/// fired finding of a rule that judges hops appears on some path of the same report.
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
        }
        if (report.Paths.Count == 0) return problems;
        var onPaths = report.Paths.SelectMany(p => p.Steps).Select(s => s.RuleId).OfType<string>().ToHashSet();
        foreach (var id in fired.Where(HopRuleIds.Contains).Where(id => !onPaths.Contains(id)))
            problems.Add($"fired {id} appears on no path");
        return problems;
    }

    /// <summary>The rules whose causes a path hop decides.</summary>
    public static IReadOnlySet<string> HopRuleIds => AcrNetCheck.Core.Paths.PathHopRules.Ids;
}
