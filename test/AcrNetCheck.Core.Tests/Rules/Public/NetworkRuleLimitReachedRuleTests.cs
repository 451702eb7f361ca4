using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class NetworkRuleLimitReachedRuleTests
{
    private readonly NetworkRuleLimitReachedRule _rule = new();

    private static EvidenceBuilder WithIpRules(int count)
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny();
        for (var i = 0; i < count; i++) b.IpRule($"203.0.{i / 256}.{i % 256}");
        return b;
    }

    [Fact]
    public void IpRulesAtTheLimit_Diagnostic()
    {
        var b = WithIpRules(200);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal($"{b.RegistryId}#properties.networkRuleSet.ipRules", finding.Subject);
        Assert.Equal(("200", "fewer than 200"), (finding.Evidence[0].Observed, finding.Evidence[0].Expected));
        Assert.Contains("contoso has 200 IP rules, the documented maximum is 200", finding.Message);
        Assert.Equal(Severity.Warning, _rule.Descriptor.Severity);
    }

    [Fact]
    public void VnetRulesAtTheLimit_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny();
        for (var i = 0; i < 100; i++) b.VnetRule(EvidenceBuilder.SubnetId("vnet-app", $"snet-{i}"));

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("100 virtual network rules", finding.Message);
    }

    [Fact]
    public void OneBelowTheLimit_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(WithIpRules(199).View()).Outcome);
    }

    [Fact]
    public void NoRegistry_Skipped()
    {
        Assert.Equal("needs:arm.registry", _rule.Evaluate(EvidenceBuilder.Create().HealthyProbe().View()).Reason);
    }
}
