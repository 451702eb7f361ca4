using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class SubnetMissingServiceEndpointRuleTests
{
    private readonly SubnetMissingServiceEndpointRule _rule = new();
    private static readonly string BuildSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-build");
    private static readonly string AksSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-aks");

    private static EvidenceBuilder TwoRules() => EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(BuildSubnet).VnetRule(AksSubnet);

    [Fact]
    public void RuleSubnetLacksEndpoint_DiagnosticForThatSubnetOnly()
    {
        var evidence = TwoRules()
            .Subnet("vnet-app", "snet-build", "10.2.1.0/24", serviceEndpoints: ["Microsoft.Storage"])
            .Subnet("vnet-app", "snet-aks", "10.2.2.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"])
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(BuildSubnet, finding.Subject);
        Assert.Contains("service endpoints are Microsoft.Storage", finding.Message);
        Assert.Equal("properties.serviceEndpoints", finding.Evidence[0].Path);
        Assert.Equal("Microsoft.Storage", finding.Evidence[0].Observed);
        Assert.Equal($"az network vnet subnet update --ids {BuildSubnet} --service-endpoints Microsoft.Storage Microsoft.ContainerRegistry", Assert.Single(finding.Fix));
    }

    [Fact]
    public void EveryRuleSubnetHasEndpoint_NoDiagnostic()
    {
        var evidence = TwoRules()
            .Subnet("vnet-app", "snet-build", "10.2.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"])
            .Subnet("vnet-app", "snet-aks", "10.2.2.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"])
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Null(result.Reason);
    }

    [Fact]
    public void OneSubnetUnread_OthersChecked_PassNamesTheUnreadOne()
    {
        var evidence = TwoRules().Subnet("vnet-app", "snet-aks", "10.2.2.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains(BuildSubnet, result.Reason);
    }

    [Fact]
    public void NoSubnetReadable_SkippedNamingThePermission()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(BuildSubnet)
            .CollectionError("subnet", BuildSubnet, 403, "AuthorizationFailed", "Microsoft.Network/virtualNetworks/subnets/read").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:subnet", result.Reason);
        Assert.Contains("Microsoft.Network/virtualNetworks/subnets/read", result.Reason);
    }

    [Fact]
    public void VirtualNetworkRulesHiddenByApiVersion_SkippedNeedingOlderRead()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().VnetRulesHidden().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.registry.properties.networkRuleSet.virtualNetworkRules", result.Reason);
    }

    [Fact]
    public void NoVirtualNetworkRules_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
