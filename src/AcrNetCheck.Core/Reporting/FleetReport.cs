using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// The fleet scan's result: one report per registry (each exactly what <c>analyze</c> gives for its bundle), worst first,
/// a summary row per registry for the one-line-per-registry table, and the failures that belong to no single registry.
/// </summary>
public sealed class FleetReport
{
    public const string CurrentSchemaVersion = "1.0";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required FleetSummary Summary { get; init; }
    /// <summary>One row per registry, in the order of <see cref="Reports"/>.</summary>
    public required IReadOnlyList<FleetRegistryRow> Registries { get; init; }
    /// <summary>Worst first: by highest severity found, then by counts of errors, warnings and info, then incomplete before healthy.</summary>
    public required IReadOnlyList<Report> Reports { get; init; }
    public required IReadOnlyList<CollectionError> CollectionErrors { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static FleetReport Create(IEnumerable<Report> reports, IReadOnlyList<CollectionError> scanErrors, IReadOnlyList<string>? notes = null)
    {
        var ordered = reports
            .OrderByDescending(WorstSeverityRank)
            .ThenByDescending(r => r.Summary.Errors).ThenByDescending(r => r.Summary.Warnings).ThenByDescending(r => r.Summary.Info)
            .ThenBy(r => r.Status == ReportStatus.Incomplete ? 0 : 1)
            .ThenBy(r => r.Registry.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new FleetReport
        {
            Summary = new FleetSummary
            {
                Registries = ordered.Count,
                Unhealthy = ordered.Count(r => r.Status == ReportStatus.Unhealthy),
                Incomplete = ordered.Count(r => r.Status == ReportStatus.Incomplete),
                Healthy = ordered.Count(r => r.Status == ReportStatus.Healthy),
                Errors = ordered.Sum(r => r.Summary.Errors),
                Warnings = ordered.Sum(r => r.Summary.Warnings),
                Info = ordered.Sum(r => r.Summary.Info),
            },
            Registries = ordered.Select(FleetRegistryRow.Of).ToList(),
            Reports = ordered,
            CollectionErrors = scanErrors,
            Notes = notes ?? [],
        };
    }

    /// <summary>The highest severity among the findings (error 3, warning 2, info 1), 0 without findings.</summary>
    public static int WorstSeverityRank(Report report) =>
        report.Findings.Count == 0 ? 0 : (int)report.Findings.Max(f => f.Severity) + 1;

    /// <summary>Whether any registry has a finding at or above <paramref name="threshold"/> (the exit code's question, as for diagnose).</summary>
    public bool HasFindingsAtOrAbove(Severity threshold) => Reports.Any(r => r.Findings.Any(f => f.Severity >= threshold));
}

public sealed class FleetSummary
{
    public int Registries { get; init; }
    public int Unhealthy { get; init; }
    public int Incomplete { get; init; }
    public int Healthy { get; init; }
    public int Errors { get; init; }
    public int Warnings { get; init; }
    public int Info { get; init; }
}

/// <summary>One registry in one line: who it is, its verdict, the finding to fix first and how many of each severity.</summary>
public sealed record FleetRegistryRow(string? Name, string? Subscription, string? ResourceGroup, string Status, string? FirstFinding, int Errors, int Warnings, int Info)
{
    public static FleetRegistryRow Of(Report report)
    {
        var id = report.Registry.Id is { } rid ? new ResourceId(rid) : (ResourceId?)null;
        return new(report.Registry.Name, id?.SubscriptionId, id?.ResourceGroup, report.Status, report.Findings.FirstOrDefault()?.Id,
            report.Summary.Errors, report.Summary.Warnings, report.Summary.Info);
    }
}
