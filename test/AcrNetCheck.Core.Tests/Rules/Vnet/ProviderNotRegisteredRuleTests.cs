using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class ProviderNotRegisteredRuleTests
{
    private readonly ProviderNotRegisteredRule _rule = new();
    private const string OtherSubscription = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    private static readonly string SpokeSubnet = EvidenceBuilder.SubnetId("vnet-spoke", "snet-aks", OtherSubscription);
    private static readonly string[] AcrEndpoint = ["Microsoft.ContainerRegistry"];

    [Theory]
    [InlineData("NotRegistered")]
    [InlineData("Registering")]
    public void RuleSubnetInSubscriptionWithoutProvider_Diagnostic(string state)
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(SpokeSubnet).Provider(OtherSubscription, state).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(ArmPaths.Provider(OtherSubscription), finding.Subject);
        Assert.Contains(OtherSubscription, finding.Message);
        Assert.Contains("snet-aks", finding.Message);
        Assert.Equal("registrationState", finding.Evidence[0].Path);
        Assert.Equal(state, finding.Evidence[0].Observed);
        Assert.Equal($"az provider register --namespace Microsoft.ContainerRegistry --subscription {OtherSubscription}", Assert.Single(finding.Fix));
    }

    [Fact]
    public void ClientSubnetWithEndpoint_ItsSubscriptionIsChecked()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(serviceEndpoints: AcrEndpoint)
            .Provider(EvidenceBuilder.Subscription, "NotRegistered").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal(ArmPaths.Provider(EvidenceBuilder.Subscription), finding.Subject);
        Assert.Contains("snet-client", finding.Message);
    }

    [Fact]
    public void ProviderRegistered_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(SpokeSubnet).Provider(OtherSubscription).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void ProviderNotRead_SkippedNeedingIt()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(SpokeSubnet).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{ArmPaths.Provider(OtherSubscription)}]", result.Reason);
    }

    [Fact]
    public void NoServiceEndpointInUse_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }

    [Fact]
    public void VirtualNetworkRulesHiddenAndNoClientEndpoint_SkippedNeedingOlderRead()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().VnetRulesHidden().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.registry.properties.networkRuleSet.virtualNetworkRules", result.Reason);
    }
}
