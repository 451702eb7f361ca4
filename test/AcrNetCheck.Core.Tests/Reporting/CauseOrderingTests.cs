using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Reporting;

public class AnalyzerTests
{
    private sealed class FixedRule(string id, Severity severity, string[] explains, params string[] subjects) : Rule
    {
        public override RuleDescriptor Descriptor { get; } = Descriptors.Create(id, Enum.Parse<RuleArea>(id.Split('.')[0], true), severity,
            "title " + id, "cause", ["step for <registry> in <resource-group>"], Descriptors.TroubleshootAccess, ["symptom"], explains);

        public override RuleResult Evaluate(EvidenceView evidence) =>
            RuleResult.From(subjects.Select(s => new Finding { Subject = s, Message = $"{id} on {s}", Evidence = [new EvidenceRef(s, "path", "seen")] }));
    }

    private sealed class ThrowingRule : Rule
    {
        public override RuleDescriptor Descriptor { get; } = Descriptors.Create("client.throws", RuleArea.Client, Severity.Error, "t", "c", ["s"], Descriptors.TroubleshootAccess, ["x"]);
        public override RuleResult Evaluate(EvidenceView evidence) => throw new InvalidOperationException("boom");
    }

    private static EvidenceBundle Bundle() => EvidenceBuilder.Create().Registry().Build();

    [Fact]
    public void ExplainedSymptom_ListedUnderItsCause_EvenWhenTheSymptomRanksHigher()
    {
        var rules = new Rule[]
        {
            new FixedRule("public.ip-not-allowed", Severity.Error, [], "203.0.113.7"),
            new FixedRule("vnet.resolves-public-ip", Severity.Error, ["public.ip-not-allowed"], "contoso.azurecr.io"),
            new FixedRule("service.other", Severity.Warning, [], "x"),
        };

        var report = Analyzer.Analyze(Bundle(), rules);

        Assert.Equal(["vnet.resolves-public-ip", "public.ip-not-allowed", "service.other"], report.Findings.Select(f => f.Id));
        Assert.Equal("vnet.resolves-public-ip@contoso.azurecr.io", report.Findings[1].ExplainedBy);
        Assert.Equal(["public.ip-not-allowed@203.0.113.7"], report.Findings[0].Explains);
        Assert.True(report.Findings[0].RootCause);
    }

    [Fact]
    public void Chain_EachConsequenceUnderItsNearestCause()
    {
        var rules = new Rule[]
        {
            new FixedRule("public.access-disabled", Severity.Error, [], "contoso.azurecr.io"),
            new FixedRule("vnet.resolves-public-ip", Severity.Error, ["public.access-disabled"], "contoso.azurecr.io"),
            new FixedRule("vnet.zone-not-linked", Severity.Error, ["vnet.resolves-public-ip", "public.access-disabled"], "vnet-spoke"),
        };

        var findings = Analyzer.Analyze(Bundle(), rules).Findings;

        Assert.Equal(["vnet.zone-not-linked", "vnet.resolves-public-ip", "public.access-disabled"], findings.Select(f => f.Id));
        Assert.Equal([0, 1, 2], findings.Select(f => f.Depth));
        Assert.Equal("vnet.resolves-public-ip@contoso.azurecr.io", findings[2].ExplainedBy);
    }

    [Fact]
    public void EightyThousandFindings_OrderedInLinearithmicTime_SameTreeAsForFew()
    {
        // Growth, not wall time, is what a loaded 2-core machine cannot distort: four times the findings must cost far less
        // than the sixteen times a quadratic ordering would (n log n gives about 4.5); each size's best of three runs, the
        // sizes taken in turn, so a burst of load (the CLI tests run alongside) slows both sizes, not only the larger.
        var quarter = TimeSpan.MaxValue;
        var full = TimeSpan.MaxValue;
        IReadOnlyList<FindingReport> findings = [];
        for (var run = 0; run < 3; run++)
        {
            quarter = Min(quarter, Timed(20_000).Elapsed);
            (var elapsed, findings) = Timed(80_000);
            full = Min(full, elapsed);
        }

        Assert.True(full < quarter * 10, $"20,000 findings took {quarter}, 80,000 took {full}: {full / quarter:F1} times as long");
        Assert.Equal(120_001, findings.Count);
        // The first zone finding explains access-disabled, which (the nearest cause) explains every denial.
        var top = findings[0];
        Assert.Equal(("vnet.zone-not-linked", 0), (top.Id, top.Depth));
        Assert.Equal(("public.access-disabled", 1, top.Key), (findings[1].Id, findings[1].Depth, findings[1].ExplainedBy));
        Assert.All(findings.Where(f => f.Id == "logs.denied"), f => Assert.Equal((2, findings[1].Key), (f.Depth, f.ExplainedBy)));
        Assert.All(findings.Where(f => f.Id == "vnet.zone-not-linked"), f => Assert.Null(f.ExplainedBy));
    }

    /// <summary>Orders <paramref name="denials"/> denied logins, half of them also named by a zone finding, timed.</summary>
    private static (TimeSpan Elapsed, IReadOnlyList<FindingReport> Findings) Timed(int denials)
    {
        var subjects = Enumerable.Range(0, denials).Select(i => $"198.51.{i / 256 % 256}.{i % 256}-{i}").ToArray();
        var rules = new Rule[]
        {
            new FixedRule("logs.denied", Severity.Error, [], subjects),
            new FixedRule("public.access-disabled", Severity.Error, ["logs.denied"], "contoso.azurecr.io"),
            new FixedRule("vnet.zone-not-linked", Severity.Error, ["public.access-disabled", "logs.denied"], subjects[..(denials / 2)]),
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var findings = Analyzer.Analyze(Bundle(), rules).Findings;
        return (clock.Elapsed, findings);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [Fact]
    public void RootCauses_OrderedBySeverityFirst()
    {
        var rules = new Rule[] { new FixedRule("client.info", Severity.Info, [], "a"), new FixedRule("vnet.err", Severity.Error, [], "b") };

        Assert.Equal(["vnet.err", "client.info"], Analyzer.Analyze(Bundle(), rules).Findings.Select(f => f.Id));
    }

    [Fact]
    public void ThrowingRule_IsIsolatedAsErrorCheck_AndOthersStillRun()
    {
        var report = Analyzer.Analyze(Bundle(), [new ThrowingRule(), new FixedRule("vnet.err", Severity.Error, [], "b")]);

        var check = report.Checks.Single(c => c.Id == "client.throws");
        Assert.Equal(RuleOutcome.Error, check.Outcome);
        Assert.Contains("boom", check.Reason);
        Assert.Single(report.Findings);
    }

    [Fact]
    public void SolutionPlaceholders_FilledFromEvidence()
    {
        var report = Analyzer.Analyze(Bundle(), [new FixedRule("vnet.err", Severity.Error, [], "b")]);

        Assert.Equal("step for contoso in rg-registry", report.Findings[0].Solution[0]);
    }

    [Fact]
    public void Status_HealthyUnhealthyIncomplete()
    {
        Assert.Equal(ReportStatus.Healthy, Analyzer.Analyze(Bundle(), []).Status);
        Assert.Equal(ReportStatus.Unhealthy, Analyzer.Analyze(Bundle(), [new FixedRule("vnet.w", Severity.Warning, [], "x")]).Status);
        var failedRead = EvidenceBuilder.Create().Registry().CollectionError("networkSecurityGroup", "/x", 403, "AuthorizationFailed", "Microsoft.Network/networkSecurityGroups/read").Build();
        Assert.Equal(ReportStatus.Incomplete, Analyzer.Analyze(failedRead, [new FixedRule("client.info", Severity.Info, [], "x")]).Status);
    }

    [Fact]
    public void Endpoints_ListLoginServerAndEachDataEndpointOfAReplicatedRegistry()
    {
        var bundle = EvidenceBuilder.Create().Registry().Replica("westeurope").DataEndpoints().Build();

        var endpoints = Analyzer.Analyze(bundle, []).Endpoints;

        Assert.Equal(["contoso.azurecr.io", "contoso.eastus.data.azurecr.io", "contoso.westeurope.data.azurecr.io"], endpoints.Select(e => e.Host));
        Assert.Equal(["login-server", "data-endpoint", "data-endpoint"], endpoints.Select(e => e.Purpose));
    }

    [Fact]
    public void Endpoints_WithoutDataEndpoints_NameTheStorageWildcard()
    {
        var endpoints = Analyzer.Analyze(Bundle(), []).Endpoints;

        Assert.Contains(endpoints, e => e.Host == "*.blob.core.windows.net" && e.Purpose == EndpointPurpose.Storage);
    }
}
