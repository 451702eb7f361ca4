using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class BastionNotSupportedRuleTests
{
    private readonly BastionNotSupportedRule _rule = new();

    [Fact]
    public void BastionInThePrivateEndpointVnet_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().VirtualNetwork("vnet-hub").Bastion("vnet-hub").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal(EvidenceBuilder.SubnetId("vnet-hub", "AzureBastionSubnet"), finding.Subject);
        Assert.Contains("vnet-hub hosts Azure Bastion", finding.Message);
        Assert.Equal(EvidenceBuilder.VnetId("vnet-hub"), finding.Evidence[0].Source);
        Assert.Equal(Severity.Info, _rule.Descriptor.Severity);
    }

    [Fact]
    public void BastionInTheClientVnet_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet("vnet-app").Bastion("vnet-app").View();

        Assert.Contains("vnet-app", Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void VnetWithoutBastion_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().VirtualNetwork("vnet-hub").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoVnetOnThePath_NotApplicable()
    {
        Assert.StartsWith("not-applicable:", _rule.Evaluate(EvidenceBuilder.Create().Registry().View()).Reason);
    }

    [Fact]
    public void VnetNotRead_Skipped()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"))
            .WithoutResource(EvidenceBuilder.VnetId("vnet-hub")).View());

        Assert.Equal($"needs:arm.resources[{EvidenceBuilder.VnetId("vnet-hub")}]", result.Reason);
    }
}
