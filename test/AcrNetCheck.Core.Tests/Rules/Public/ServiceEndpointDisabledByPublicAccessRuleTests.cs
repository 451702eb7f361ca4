using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class ServiceEndpointDisabledByPublicAccessRuleTests
{
    private readonly ServiceEndpointDisabledByPublicAccessRule _rule = new();
    private static readonly string AppSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-build");

    [Fact]
    public void VnetRuleWithPublicAccessDisabled_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(AppSubnet).PublicAccessDisabled().View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(AppSubnet, finding.Subject);
        Assert.Contains("snet-build of vnet-app", finding.Message);
        Assert.Equal("properties.networkRuleSet.virtualNetworkRules[0].id", finding.Evidence[0].Path);
        Assert.Equal(AppSubnet, finding.Evidence[0].Observed);
        Assert.Contains(finding.Fix, f => f.Contains($"--subnet {AppSubnet}"));
    }

    [Fact]
    public void PublicAccessDisabledWithoutVnetRules_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void VnetRulesHiddenByNewerApiVersion_SkippedNamingTheApiVersion()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().VnetRulesHidden().View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:arm.registry.properties.networkRuleSet.virtualNetworkRules (read with api-version 2021-08-01-preview)", result.Reason);
    }

    [Fact]
    public void PublicAccessEnabled_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(AppSubnet).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }
}
