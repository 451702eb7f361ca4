using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class ServiceEndpointRuleMissingRuleTests
{
    private readonly ServiceEndpointRuleMissingRule _rule = new();
    private static readonly string ClientSubnetId = EvidenceBuilder.SubnetId("vnet-app", "snet-client");
    private static readonly string OtherSubnetId = EvidenceBuilder.SubnetId("vnet-app", "snet-build");
    private static readonly string[] AcrEndpoint = ["Microsoft.ContainerRegistry"];

    private static EvidenceBuilder DenyingRegistry() => EvidenceBuilder.Create().Registry().DefaultDeny();

    [Fact]
    public void EndpointSubnetNotInTheRules_Diagnostic()
    {
        var evidence = DenyingRegistry().VnetRule(OtherSubnetId).IpRule("203.0.113.0/24").ClientSubnet(serviceEndpoints: AcrEndpoint).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(ClientSubnetId, finding.Subject);
        Assert.Contains("snet-client", finding.Message);
        Assert.Contains("only: snet-build", finding.Message);
        Assert.Equal("properties.networkRuleSet.virtualNetworkRules", finding.Evidence[0].Path);
        Assert.Equal("snet-build", finding.Evidence[0].Observed);
        Assert.Equal($"az acr network-rule add --name <registry> --subnet {ClientSubnetId}", Assert.Single(finding.Fix));
    }

    [Fact]
    public void NoRulesAtAll_DiagnosticSaysNoSubnet()
    {
        var finding = Assert.Single(_rule.Evaluate(DenyingRegistry().ClientSubnet(serviceEndpoints: AcrEndpoint).View()).Findings);

        Assert.Contains("name no subnet", finding.Message);
        Assert.Equal("none", finding.Evidence[0].Observed);
    }

    [Fact]
    public void RuleNamesTheSubnetInOtherCase_NoDiagnostic()
    {
        var evidence = DenyingRegistry().VnetRule(ClientSubnetId.ToUpperInvariant()).ClientSubnet(serviceEndpoints: AcrEndpoint).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void SubnetWithoutServiceEndpoint_NotApplicable()
    {
        var result = _rule.Evaluate(DenyingRegistry().ClientSubnet().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:subnet snet-client has no Microsoft.ContainerRegistry service endpoint", result.Reason);
    }

    [Fact]
    public void RegistryAllowsAllNetworks_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet(serviceEndpoints: AcrEndpoint).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("defaultAction Allow", result.Reason);
    }

    [Fact]
    public void VirtualNetworkRulesHiddenByApiVersion_SkippedNeedingOlderRead()
    {
        var result = _rule.Evaluate(DenyingRegistry().VnetRulesHidden().ClientSubnet(serviceEndpoints: AcrEndpoint).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:arm.registry.properties.networkRuleSet.virtualNetworkRules (read with api-version 2021-08-01-preview)", result.Reason);
    }

    [Fact]
    public void NoVantageSubnet_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(DenyingRegistry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:vantage.subnetId", result.Reason);
    }
}
