using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>The paths the analysis found, or the error that stopped it.</summary>
internal sealed record PathsOutcome(IReadOnlyList<Paths.ReachabilityPath> Paths, RuleResult? Error);

internal static class ReportBuilder
{
    /// <summary>The check id the path analysis reports under when it fails.</summary>
    public const string PathsCheckId = "analysis.paths";

    public static Report Build(EvidenceView evidence, IReadOnlyList<(Rule Rule, RuleResult Result)> results, PathsOutcome paths)
    {
        var findings = results
            .SelectMany(r => r.Result.Findings.Select(f => ToReport(r.Rule.Descriptor, f, evidence)))
            // A bundle listing one endpoint twice (hand-edited, or a fuzzer's) makes a rule repeat a finding: its key is its identity.
            .DistinctBy(f => f.Key)
            .ToList();
        var ordered = CauseOrdering.Order(findings, results.Select(r => r.Rule.Descriptor).ToList());

        var checks = results.Select(r => new CheckReport
        {
            Id = r.Rule.Id, Outcome = r.Result.Outcome, Reason = r.Result.Reason, Findings = r.Result.Findings.Count,
        }).ToList();
        if (paths.Error is { } failed) checks.Add(new CheckReport { Id = PathsCheckId, Outcome = failed.Outcome, Reason = failed.Reason });

        return new Report
        {
            Tool = evidence.Bundle.Tool ?? new ToolInfo(),
            Registry = Summarize(evidence),
            Vantage = evidence.Bundle.Vantage,
            Status = StatusOf(ordered, evidence, checks),
            Summary = new ReportSummary
            {
                Errors = ordered.Count(f => f.Severity == Severity.Error),
                Warnings = ordered.Count(f => f.Severity == Severity.Warning),
                Info = ordered.Count(f => f.Severity == Severity.Info),
                Passed = checks.Count(c => c.Outcome == RuleOutcome.Passed),
                Failed = checks.Count(c => c.Outcome == RuleOutcome.Failed),
                Skipped = checks.Count(c => c.Outcome == RuleOutcome.Skipped),
                Errored = checks.Count(c => c.Outcome == RuleOutcome.Error),
            },
            Endpoints = evidence.Endpoints.Select(e => new EndpointReport
            {
                Host = e.Host, Purpose = e.Purpose, Region = e.Region,
                PrivateEndpointAddresses = evidence.ExpectedPrivateAddresses(e.Host),
                ProbeSummary = ProbeSummary.Of(evidence.ProbeFor(e.Host), evidence.ExpectedPrivateAddresses(e.Host)),
                Probe = evidence.ProbeFor(e.Host),
            }).ToList(),
            Paths = paths.Paths,
            Findings = ordered,
            Checks = checks,
            CollectionErrors = evidence.CollectionErrors,
        };
    }

    private static string StatusOf(IReadOnlyList<FindingReport> findings, EvidenceView evidence, IReadOnlyList<CheckReport> checks)
    {
        if (findings.Any(f => f.Severity >= Severity.Warning)) return ReportStatus.Unhealthy;
        // Nothing read means nothing checked: neither the registry's configuration nor a probe nor its login events.
        var nothingRead = evidence.Registry is null && evidence.Bundle.Probes is not { Endpoints.Count: > 0 } && evidence.Bundle.LoginEvents is null;
        var couldNotRun = nothingRead || evidence.RegistryShapeProblem is not null || evidence.CollectionErrors.Count > 0 || checks.Any(c => c.Outcome == RuleOutcome.Error);
        return couldNotRun ? ReportStatus.Incomplete : ReportStatus.Healthy;
    }

    private static FindingReport ToReport(RuleDescriptor d, Finding f, EvidenceView evidence) => new()
    {
        Key = $"{d.Id}@{f.Subject}",
        Id = d.Id,
        Severity = d.Severity,
        Area = d.Area.IdPrefix(),
        Title = d.Title,
        Subject = f.Subject,
        Message = f.Message,
        Cause = d.Cause,
        OwnSteps = f.Fix.Select(step => Placeholders.Fill(step, evidence)).Distinct().Count(),
        Solution = (f.FixReplacesSolution ? f.Fix : f.Fix.Concat(d.Solution)).Select(step => Placeholders.Fill(step, evidence)).Distinct().ToList(),
        DocLink = d.DocLink.ToString(),
        Symptoms = d.Symptoms,
        Evidence = f.Evidence,
    };

    private static RegistrySummary Summarize(EvidenceView evidence)
    {
        var r = evidence.Registry;
        return new RegistrySummary
        {
            Name = evidence.KnownRegistryName,
            Id = evidence.RegistryId,
            LoginServer = evidence.LoginServer,
            Location = r?.Location,
            Sku = r?.Sku,
            PublicNetworkAccess = r?.PublicNetworkAccess,
            DefaultAction = r?.DefaultAction,
            IpRuleCount = r?.IpRules.Count,
            VirtualNetworkRuleCount = r?.VirtualNetworkRules?.Count,
            NetworkRuleBypassOptions = r?.NetworkRuleBypassOptions,
            DataEndpointEnabled = r?.DataEndpointEnabled,
            Regions = evidence.Regions,
            PrivateEndpoints = r?.PrivateEndpointConnections.Select(c => new PrivateEndpointSummary(c.PrivateEndpointId, c.Status)).ToList() ?? [],
        };
    }
}

/// <summary>Fills the placeholders of solution steps with what the evidence names, so commands can be pasted.</summary>
internal static class Placeholders
{
    public static string Fill(string step, EvidenceView evidence)
    {
        var id = evidence.RegistryId is { } rid ? new ResourceId(rid) : (ResourceId?)null;
        // Names from the evidence are hostile: each goes in as one quoted shell word.
        step = step.Replace("<registry>", Shell.Quote(evidence.RegistryName), StringComparison.Ordinal)
                   .Replace("<login-server>", evidence.LoginServer is { } login ? Shell.Quote(login) : "<registry>.azurecr.io", StringComparison.Ordinal);
        if (id?.ResourceGroup is { } group) step = step.Replace("<resource-group>", Shell.Quote(group), StringComparison.Ordinal);
        if (evidence.RegistryId is { } registryId) step = step.Replace("<registry-id>", Shell.Quote(registryId), StringComparison.Ordinal);
        return step;
    }
}
