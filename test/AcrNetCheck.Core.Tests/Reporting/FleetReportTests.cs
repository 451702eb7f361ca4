using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Reporting;

public sealed class FleetReportTests
{
    [Fact]
    public void Reports_WorstFirst_WithOneSummaryRowEach()
    {
        var healthy = Analyze(EvidenceBuilder.Create().Registry("healthy"));
        var warned = Analyze(EvidenceBuilder.Create().Registry("warned").DefaultDeny().Bypass("None"));
        var broken = Analyze(EvidenceBuilder.Create().Registry("broken").PublicAccessDisabled().Bypass("None"));

        var fleet = FleetReport.Create([healthy, warned, broken], []);

        Assert.Equal(["broken", "warned", "healthy"], fleet.Registries.Select(r => r.Name));
        Assert.Equal(fleet.Reports.Select(r => r.Registry.Name), fleet.Registries.Select(r => r.Name));
        var top = fleet.Registries[0];
        Assert.Equal(("public.access-disabled", EvidenceBuilder.Subscription, EvidenceBuilder.Group, ReportStatus.Unhealthy), (top.FirstFinding, top.Subscription, top.ResourceGroup, top.Status));
        Assert.Equal((1, 1), (top.Errors, top.Warnings));
        Assert.Null(fleet.Registries[2].FirstFinding);
        Assert.Equal((3, 2, 1), (fleet.Summary.Registries, fleet.Summary.Unhealthy, fleet.Summary.Errors));
        Assert.True(fleet.HasFindingsAtOrAbove(Core.Rules.Severity.Error));
        Assert.False(FleetReport.Create([healthy], []).HasFindingsAtOrAbove(Core.Rules.Severity.Info));
    }

    [Fact]
    public void Incomplete_SortsBeforeHealthy()
    {
        var healthy = Analyze(EvidenceBuilder.Create().Registry("a-healthy"));
        var incomplete = Analyze(EvidenceBuilder.Create().Registry("b-incomplete")
            .CollectionError("diagnosticSettings", "/x", 403, "AuthorizationFailed", "Microsoft.Insights/diagnosticSettings/read"));

        var fleet = FleetReport.Create([healthy, incomplete], []);

        Assert.Equal(["b-incomplete", "a-healthy"], fleet.Registries.Select(r => r.Name));
    }

    private static Report Analyze(EvidenceBuilder builder) => Analyzer.Analyze(builder.Build());
}
