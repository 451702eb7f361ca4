using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class IpNotAllowedRuleTests
{
    private readonly IpNotAllowedRule _rule = new();

    private static EvidenceBuilder SelectedNetworks() => EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("198.51.100.0/24");

    [Fact]
    public void RegistryDeniesNamedIp_Diagnostic()
    {
        var b = SelectedNetworks().HealthyProbe().DeniedByRegistry("203.0.113.7");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("203.0.113.7", finding.Subject);
        Assert.Contains("203.0.113.7 (public)", finding.Message);
        Assert.Contains("198.51.100.0/24", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].http.deniedClientIp", finding.Evidence[0].Path);
        Assert.Equal("203.0.113.7", finding.Evidence[0].Observed);
        Assert.Equal(["az acr network-rule add --name <registry> --ip-address 203.0.113.7"], finding.Fix);
    }

    [Fact]
    public void VantageIpOutsideRules_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(SelectedNetworks().Vantage(publicIp: "203.0.113.7").View()).Findings);

        Assert.Equal("203.0.113.7", finding.Subject);
        Assert.Equal("vantage.publicIp", finding.Evidence[0].Path);
    }

    [Fact]
    public void DeniedAndVantageIpsDiffer_OneFindingEach()
    {
        var evidence = SelectedNetworks().HealthyProbe().DeniedByRegistry("203.0.113.7").Vantage(publicIp: "192.0.2.10").View();

        Assert.Equal(["203.0.113.7", "192.0.2.10"], _rule.Evaluate(evidence).Findings.Select(f => f.Subject));
    }

    [Fact]
    public void VantageIpInsideCidrRule_NoDiagnostic()
    {
        var evidence = SelectedNetworks().Vantage(publicIp: "198.51.100.42").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void ClientOnPrivateEndpointPath_NotApplicable()
    {
        var evidence = SelectedNetworks().PrivateEndpointWithDns().HealthyProbe(address: "10.1.0.4").Vantage(publicIp: "203.0.113.7").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void NoClientIpKnown_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(SelectedNetworks().HealthyProbe().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:client public IP (probes.endpoints[].http.deniedClientIp or vantage.publicIp)", result.Reason);
    }

    [Fact]
    public void DefaultActionAllow_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().Vantage(publicIp: "203.0.113.7").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void NoRegistry_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Vantage(publicIp: "203.0.113.7").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:arm.registry", result.Reason);
    }

    [Fact]
    public void DeniedIpIsAnAcrAgent_ServiceFixNotAnIpRule()
    {
        // acr-netcheck run from an ACR task (az acr run): ACR names its own shared agent's address in the 403.
        var b = SelectedNetworks().ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22").HealthyProbe().DeniedByRegistry("20.42.64.10");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("It is an address in the AzureContainerRegistry.EastUS service tag, one of ACR's own shared agents", finding.Message);
        Assert.Contains("An IP rule is not the fix", finding.Message);
        Assert.DoesNotContain(finding.Fix, f => f.Contains("--ip-address"));
        Assert.Contains(Core.Rules.Service.RegistryRestriction.AllowTasksBypass, finding.Fix);
        Assert.True(finding.FixReplacesSolution);
    }

    [Fact]
    public void VantageIpInAzureCloud_CheckedBeforeAllowed()
    {
        var b = SelectedNetworks().ServiceTag("AzureCloud.eastus", "52.150.0.0/17").Vantage(publicIp: "52.150.3.4");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("52.150.3.4 is in Azure's AzureCloud.eastus ranges: allow it only if it is one of your own public IPs", finding.Message);
        Assert.StartsWith("az network public-ip list", finding.Fix[0]);
        Assert.True(finding.FixReplacesSolution);
    }
}
