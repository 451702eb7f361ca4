using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Cli.Commands;

/// <summary>--fail-on, shared by every command whose result is a report (analyze, diagnose, scan).</summary>
public static class FailOnOption
{
    public const string Template = "--fail-on";
    public const string Description = "Lowest finding severity that makes the exit code 3: error (default), warning, none.";

    public static Severity? Parse(string value) => value.ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "none" => null,
        _ => throw new UsageException($"--fail-on '{value}' is not valid; use one of: error, warning, none."),
    };

    /// <summary>Computed from the report before rendering, so -o none still tells a script the verdict.</summary>
    public static int ExitCodeFor(Report report, Severity? failOn) =>
        failOn is not { } threshold ? ExitCodes.Ok
        : report.Findings.Any(f => f.Severity >= threshold) ? ExitCodes.ProblemsFound
        : report.Status == ReportStatus.Incomplete ? ExitCodes.Incomplete
        : ExitCodes.Ok;

    /// <summary>For <c>scan</c>: the worst finding of any registry decides; a scan query that failed makes the fleet incomplete.</summary>
    public static int ExitCodeFor(FleetReport fleet, Severity? failOn) =>
        failOn is not { } threshold ? ExitCodes.Ok
        : fleet.HasFindingsAtOrAbove(threshold) ? ExitCodes.ProblemsFound
        : fleet.CollectionErrors.Count > 0 || fleet.Summary.Incomplete > 0 ? ExitCodes.Incomplete
        : ExitCodes.Ok;
}
