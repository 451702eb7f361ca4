using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Service;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Service;

public class UnsupportedWithRestrictionsRuleTests
{
    private readonly UnsupportedWithRestrictionsRule _rule = new();

    [Fact]
    public void RestrictedWithBypassOn_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("bypass is on", finding.Message);
        Assert.Contains("App Service", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path == "properties.publicNetworkAccess" && e.Observed == "Disabled");
        Assert.Contains(finding.Evidence, e => e.Path == "properties.networkRuleBypassOptions" && e.Observed == "AzureServices");
        Assert.Empty(finding.Fix);
    }

    [Fact]
    public void RestrictedWithBypassOff_DiagnosticSaysDefenderCannotScan()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().Bypass("None").View()).Findings);

        Assert.Contains("bypass is off", finding.Message);
        Assert.Contains("Defender for Cloud cannot scan", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path == "properties.networkRuleSet.defaultAction" && e.Observed == "Deny");
        Assert.Contains("az acr update --name <registry> --allow-trusted-services true", finding.Fix);
    }

    [Fact]
    public void OpenRegistry_NoDiagnosticAndNotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Empty(result.Findings);
        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void NoArmEvidence_SkippedNeedingRegistry()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().HealthyProbe("contoso.azurecr.io").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:arm.registry", result.Reason);
    }
}
