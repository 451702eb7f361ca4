using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class TcpBlockedRuleTests
{
    private readonly TcpBlockedRule _rule = new();

    [Fact]
    public void LoginServerTimesOut_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().TcpBlocked("contoso.azurecr.io").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("20.42.65.1 (public)", finding.Message);
        Assert.Contains("timed out", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].tcp.status", finding.Evidence[0].Path);
        Assert.Equal(TcpStatus.Timeout, finding.Evidence[0].Observed);
        Assert.Contains(finding.Fix, f => f.Contains("TCP 443 to contoso.azurecr.io (20.42.65.1)"));
    }

    [Theory]
    [InlineData(TcpStatus.Refused, "refused")]
    [InlineData(TcpStatus.Unreachable, "unreachable")]
    public void LoginServerFailureKind_NamedInMessage(string status, string expected)
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().TcpBlocked("contoso.azurecr.io", status).View();

        Assert.Contains(expected, Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void DataEndpointBlockedAlongsideLoginServer_ReportedToo()
    {
        var evidence = EvidenceBuilder.Create().Registry().DataEndpoints()
            .HealthyProbe()
            .HealthyProbe("contoso.eastus.data.azurecr.io", address: "20.42.66.5", purpose: EndpointPurpose.DataEndpoint, region: "eastus")
            .TcpBlocked("contoso.azurecr.io").TcpBlocked("contoso.eastus.data.azurecr.io")
            .View();

        var subjects = _rule.Evaluate(evidence).Findings.Select(f => f.Subject).ToList();

        Assert.Equal(["contoso.azurecr.io", "contoso.eastus.data.azurecr.io"], subjects);
    }

    [Fact]
    public void OnlyDataEndpointBlocked_NotThisRule()
    {
        var evidence = EvidenceBuilder.Create().Registry().DataEndpoints()
            .HealthyProbe()
            .HealthyProbe("contoso.eastus.data.azurecr.io", purpose: EndpointPurpose.DataEndpoint, region: "eastus")
            .TcpBlocked("contoso.eastus.data.azurecr.io")
            .View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void LoginServerConnects_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View()).Outcome);
    }

    [Fact]
    public void NoProbes_SkippedNeedingTcpProbes()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[].tcp", result.Reason);
    }

    [Fact]
    public void LoginServerDidNotResolve_SkippedRatherThanPassed()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => { p.Dns[0].Status = DnsStatus.NxDomain; p.Dns[0].Addresses.Clear(); p.Tcp = null; p.Http = null; })
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:probes.endpoints[].tcp", result.Reason);
    }
}
