using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class IpRulesIgnoredForPrivateEndpointRuleTests
{
    private readonly IpRulesIgnoredForPrivateEndpointRule _rule = new();
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    [Fact]
    public void IpRulesBesideApprovedPrivateEndpoint_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("203.0.113.0/24").PrivateEndpoint(PeSubnet);

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("203.0.113.0/24", finding.Message);
        Assert.Contains("pe-contoso", finding.Message);
        Assert.Equal("properties.networkRuleSet.ipRules[].value", finding.Evidence[0].Path);
        Assert.Equal("203.0.113.0/24", finding.Evidence[0].Observed);
        Assert.Equal(Severity.Info, _rule.Descriptor.Severity);
    }

    [Fact]
    public void PublicAccessAlsoDisabled_SaysIpRulesHaveNoEffect()
    {
        var evidence = EvidenceBuilder.Create().Registry().IpRule("203.0.113.0/24").PrivateEndpoint(PeSubnet).PublicAccessDisabled().View();

        Assert.Contains("no effect at all", Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void PrivateEndpointWithoutIpRules_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet).View()).Outcome);
    }

    [Fact]
    public void OnlyPendingPrivateEndpoint_NotApplicable()
    {
        var evidence = EvidenceBuilder.Create().Registry().IpRule("203.0.113.0/24").PrivateEndpoint(PeSubnet, status: "Pending").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }
}
