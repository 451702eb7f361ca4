using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class ServiceEndpointBesidePrivateEndpointRuleTests
{
    private readonly ServiceEndpointBesidePrivateEndpointRule _rule = new();
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");
    private static readonly string BuildSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-build");

    [Fact]
    public void VnetRuleBesideApprovedPrivateEndpoint_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(BuildSubnet).PrivateEndpoint(PeSubnet);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("1 service endpoint (VNet) rule(s) (snet-build)", finding.Message);
        Assert.Contains("pe-contoso", finding.Message);
        Assert.Equal(BuildSubnet, finding.Evidence[0].Observed);
        Assert.Equal(Severity.Info, _rule.Descriptor.Severity);
    }

    [Fact]
    public void PrivateEndpointOnly_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet).View()).Outcome);
    }

    [Fact]
    public void VnetRuleWithoutPrivateEndpoint_NotApplicable()
    {
        Assert.StartsWith("not-applicable:", _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(BuildSubnet).View()).Reason);
    }

    [Fact]
    public void VnetRulesHidden_Skipped()
    {
        Assert.StartsWith("needs:", _rule.Evaluate(EvidenceBuilder.Create().Registry().VnetRulesHidden().PrivateEndpoint(PeSubnet).View()).Reason);
    }
}
