using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class DnsUnresolvableRuleTests
{
    private readonly DnsUnresolvableRule _rule = new();

    [Fact]
    public void LoginServerNxDomain_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => { p.Dns[0].Status = DnsStatus.NxDomain; p.Dns[0].Addresses.Clear(); p.Tcp = null; p.Http = null; })
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("nxdomain", finding.Message);
        Assert.Equal("nxdomain", finding.Evidence[0].Observed);
    }

    [Fact]
    public void DataEndpointOfReplicaUnresolvable_DiagnosticNamesThatRegionOnly()
    {
        var evidence = EvidenceBuilder.Create().Registry().Replica("westeurope").DataEndpoints()
            .HealthyProbe()
            .HealthyProbe("contoso.eastus.data.azurecr.io", purpose: EndpointPurpose.DataEndpoint, region: "eastus")
            .HealthyProbe("contoso.westeurope.data.azurecr.io", purpose: EndpointPurpose.DataEndpoint, region: "westeurope")
            .WithProbe("contoso.westeurope.data.azurecr.io", p => { p.Dns[0].Status = DnsStatus.ServFail; p.Dns[0].Addresses.Clear(); })
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.Contains("westeurope", finding.Message);
    }

    [Fact]
    public void EverythingResolves_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoProbes_SkippedNeedingProbes()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:probes", result.Reason);
    }
}
