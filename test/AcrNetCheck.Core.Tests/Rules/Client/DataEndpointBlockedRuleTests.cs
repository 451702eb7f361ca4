using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class DataEndpointBlockedRuleTests
{
    private readonly DataEndpointBlockedRule _rule = new();

    private static EvidenceBuilder ReplicatedWithDataEndpoints() => EvidenceBuilder.Create().Registry().Replica("westeurope").DataEndpoints()
        .HealthyProbe()
        .HealthyProbe("contoso.eastus.data.azurecr.io", address: "20.42.66.5", purpose: EndpointPurpose.DataEndpoint, region: "eastus")
        .HealthyProbe("contoso.westeurope.data.azurecr.io", address: "20.50.1.9", purpose: EndpointPurpose.DataEndpoint, region: "westeurope");

    [Fact]
    public void ReplicaDataEndpointTimesOut_Diagnostic()
    {
        var evidence = ReplicatedWithDataEndpoints().TcpBlocked("contoso.westeurope.data.azurecr.io").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.Contains("westeurope", finding.Message);
        Assert.Contains("20.50.1.9 (public)", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.westeurope.data.azurecr.io].tcp.status", finding.Evidence[0].Path);
        Assert.Equal(TcpStatus.Timeout, finding.Evidence[0].Observed);
    }

    [Fact]
    public void StorageBlockedWithoutDataEndpoints_DiagnosticSaysStorage()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .HealthyProbe("cr7f3eastus.blob.core.windows.net", address: "20.60.1.1", purpose: EndpointPurpose.Storage)
            .TcpBlocked("cr7f3eastus.blob.core.windows.net", TcpStatus.Refused)
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("cr7f3eastus.blob.core.windows.net", finding.Subject);
        Assert.Contains("storage", finding.Message);
        Assert.Contains("refused", finding.Message);
    }

    [Fact]
    public void AllDataEndpointsConnect_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(ReplicatedWithDataEndpoints().View()).Outcome);
    }

    [Fact]
    public void LoginServerBlockedToo_NotApplicable()
    {
        var evidence = ReplicatedWithDataEndpoints().TcpBlocked("contoso.azurecr.io").TcpBlocked("contoso.eastus.data.azurecr.io").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void NoDataEndpointProbed_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes of data endpoints", result.Reason);
    }
}
