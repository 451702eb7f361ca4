using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class ResolvesPublicIpRuleTests
{
    private readonly ResolvesPublicIpRule _rule = new();
    private const string Login = "contoso.azurecr.io";

    [Fact]
    public void LoginServerResolvesPublic_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().ResolvedProbe(Login, "20.42.65.1").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal(Login, finding.Subject);
        Assert.Contains("resolves to 20.42.65.1 (public), expected the private endpoint's 10.1.0.4", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].dns[source=system].addresses", finding.Evidence[0].Path);
        Assert.Equal("20.42.65.1", finding.Evidence[0].Observed);
    }

    [Fact]
    public void ChainThroughPrivatelinkAnsweredPublicly_SaysNoZoneAnswered()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .ResolvedProbe(Login, "20.42.65.1", null, "contoso.azurecr.io", "contoso.privatelink.azurecr.io", "eus.fe.azcr.io").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("goes through contoso.privatelink.azurecr.io, but public DNS answered it", finding.Message);
        Assert.Contains("nslookup contoso.privatelink.azurecr.io", Assert.Single(finding.Fix));
    }

    [Fact]
    public void ChainBypassingPrivatelink_SaysSo()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .ResolvedProbe(Login, "10.50.0.7", null, "contoso.azurecr.io", "registry.corp.example").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("10.50.0.7 (private)", finding.Message);
        Assert.Contains("does not go through contoso.privatelink.azurecr.io", finding.Message);
    }

    [Fact]
    public void HostsFileOverridesDns_FixRemovesTheEntry()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .ResolvedProbe("contoso.eastus.data.azurecr.io", "10.9.9.9", resolverAddress: "10.1.0.5").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("contoso.eastus.data.azurecr.io", finding.Subject);
        Assert.Contains("hosts-file entry", finding.Message);
        Assert.StartsWith("Remove the hosts-file entry for contoso.eastus.data.azurecr.io", Assert.Single(finding.Fix));
    }

    [Fact]
    public void ResolvesToPrivateEndpoint_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().HealthyProbe(address: "10.1.0.4").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoProbes_SkippedNeedingProbes()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[].dns", result.Reason);
    }

    [Fact]
    public void NoPrivateEndpoint_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }

    [Fact]
    public void PublicRegistryProbedFromOutsideAnyVnet_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().ResolvedProbe(Login, "20.42.65.1").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }

    [Fact]
    public void PublicRegistryProbedFromInsideTheVnet_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().ResolvedProbe(Login, "20.42.65.1")
            .Vantage(subnetId: EvidenceBuilder.SubnetId("vnet-hub", "snet-build")).View();

        Assert.Equal(RuleOutcome.Failed, _rule.Evaluate(evidence).Outcome);
    }
}
