using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// The versioned report contract (what <c>-o json</c> prints). Separate from the rule engine's internal types so the
/// engine can change without breaking <c>jq</c> users. Documented in docs/report-schema.md.
/// </summary>
public sealed class Report
{
    public const string CurrentSchemaVersion = "1.0";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public ToolInfo Tool { get; init; } = new();
    public required RegistrySummary Registry { get; init; }
    public VantageEvidence? Vantage { get; init; }
    /// <summary>healthy, unhealthy or incomplete (no problem found, but some evidence could not be collected).</summary>
    public required string Status { get; init; }
    public required ReportSummary Summary { get; init; }
    public required IReadOnlyList<EndpointReport> Endpoints { get; init; }
    /// <summary>
    /// Reachability from each source subnet to each endpoint, decided from configuration (empty without a source subnet);
    /// identical paths of several subnets are one. See <see cref="Analysis.PathAnalyzer"/>.
    /// </summary>
    public IReadOnlyList<Paths.ReachabilityPath> Paths { get; init; } = [];
    /// <summary>Root causes first; a finding another explains follows it, with <c>explainedBy</c> set.</summary>
    public required IReadOnlyList<FindingReport> Findings { get; init; }
    public required IReadOnlyList<CheckReport> Checks { get; init; }
    public required IReadOnlyList<CollectionError> CollectionErrors { get; init; }
}

public static class ReportStatus
{
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
    public const string Incomplete = "incomplete";
}

public sealed class RegistrySummary
{
    public string? Name { get; init; }
    public string? Id { get; init; }
    public string? LoginServer { get; init; }
    public string? Location { get; init; }
    public string? Sku { get; init; }
    public string? PublicNetworkAccess { get; init; }
    public string? DefaultAction { get; init; }
    public int? IpRuleCount { get; init; }
    /// <summary>Null when unknown: ARM hides virtualNetworkRules on newer api-versions.</summary>
    public int? VirtualNetworkRuleCount { get; init; }
    public string? NetworkRuleBypassOptions { get; init; }
    public bool? DataEndpointEnabled { get; init; }
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<PrivateEndpointSummary> PrivateEndpoints { get; init; } = [];
}

public sealed record PrivateEndpointSummary(string? Id, string Status);

public sealed class ReportSummary
{
    public int Errors { get; init; }
    public int Warnings { get; init; }
    public int Info { get; init; }
    public int Passed { get; init; }
    public int Failed { get; init; }
    public int Skipped { get; init; }
    public int Errored { get; init; }
}

public sealed class EndpointReport
{
    public required string Host { get; init; }
    public required string Purpose { get; init; }
    public string? Region { get; init; }
    /// <summary>The private endpoint addresses ARM gives this name, when a private endpoint serves it.</summary>
    public IReadOnlyList<string> PrivateEndpointAddresses { get; init; } = [];
    /// <summary>The probes read in one line ("DNS 10.1.0.4 (private, the private endpoint) → TCP connected 12 ms → TLS ok → HTTP 401").</summary>
    public string? ProbeSummary { get; init; }
    /// <summary>What the probes saw, when they ran.</summary>
    public EndpointProbe? Probe { get; init; }
}

public sealed class FindingReport
{
    /// <summary><c>&lt;id&gt;@&lt;subject&gt;</c>: unique within a report, used by explains / explainedBy.</summary>
    public required string Key { get; init; }
    public required string Id { get; init; }
    public required Rules.Severity Severity { get; init; }
    public required string Area { get; init; }
    public required string Title { get; init; }
    public required string Subject { get; init; }
    public required string Message { get; init; }
    public required string Cause { get; init; }
    public required IReadOnlyList<string> Solution { get; init; }
    /// <summary>How many of the first <see cref="Solution"/> steps are this case's own commands (the rest are the rule's general advice).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public int OwnSteps { get; init; }
    public required string DocLink { get; init; }
    public required IReadOnlyList<string> Symptoms { get; init; }
    public required IReadOnlyList<Rules.EvidenceRef> Evidence { get; init; }
    public bool RootCause => ExplainedBy is null;
    /// <summary>0 for a root cause, 1 for what it explains, and so on down the chain.</summary>
    public int Depth { get; set; }
    public string? ExplainedBy { get; set; }
    public List<string> Explains { get; } = new();
}

public sealed class CheckReport
{
    public required string Id { get; init; }
    public required Rules.RuleOutcome Outcome { get; init; }
    public string? Reason { get; init; }
    public int Findings { get; init; }
}
