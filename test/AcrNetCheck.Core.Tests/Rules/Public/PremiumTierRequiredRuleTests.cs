using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class PremiumTierRequiredRuleTests
{
    private readonly PremiumTierRequiredRule _rule = new();

    [Fact]
    public void StandardWithIpRulesAndPrivateEndpoint_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry(sku: "Standard").DefaultDeny().IpRule("203.0.113.0/24")
            .PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"));

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Equal(("sku.name", "Standard", "Premium"), (finding.Evidence[0].Path, finding.Evidence[0].Observed, finding.Evidence[0].Expected));
        Assert.Contains("1 IP rule(s)", finding.Message);
        Assert.Contains("1 private endpoint connection(s)", finding.Message);
        Assert.Contains("defaultAction Deny", finding.Message);
        Assert.Equal(["az acr update --name contoso --sku Premium"], finding.Fix);
        Assert.Equal(Severity.Error, _rule.Descriptor.Severity);
    }

    [Fact]
    public void BasicWithDataEndpointsAndPublicAccessDisabled_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry(sku: "Basic").DataEndpoints().PublicAccessDisabled().View()).Findings);

        Assert.Contains("dedicated data endpoints enabled", finding.Message);
        Assert.Contains("public network access disabled", finding.Message);
    }

    [Fact]
    public void HostileRegistryName_FixStaysOneWord()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry(name: "x$(touch /tmp/p)", sku: "Basic").IpRule("203.0.113.7").View()).Findings);

        Assert.Equal("az acr update --name 'x$(touch /tmp/p)' --sku Premium", finding.Fix[0]);
    }

    [Fact]
    public void StandardWithoutRestrictions_ButTheReportedErrorIsAFailedSave_Diagnostic()
    {
        var bundle = EvidenceBuilder.Create().Registry(sku: "Standard").Build();
        AcrNetCheck.Core.Explain.ReportedError.AddTo(bundle, AcrNetCheck.Core.Explain.ErrorExplainer.Explain("Failed to save firewall and virtual network settings for container registry 'contoso'."));

        var finding = Assert.Single(_rule.Evaluate(new AcrNetCheck.Core.Evidence.EvidenceView(bundle)).Findings);

        Assert.Contains("contoso is Standard: the network settings change that failed (the reported error) needs Premium", finding.Message);
        Assert.Equal(["az acr update --name contoso --sku Premium"], finding.Fix);
    }

    [Fact]
    public void StandardWithoutRestrictions_OtherReportedError_NoDiagnostic()
    {
        var bundle = EvidenceBuilder.Create().Registry(sku: "Standard").Build();
        AcrNetCheck.Core.Explain.ReportedError.AddTo(bundle, AcrNetCheck.Core.Explain.ErrorExplainer.Explain("dial tcp: lookup contoso.azurecr.io: no such host"));

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(new AcrNetCheck.Core.Evidence.EvidenceView(bundle)).Outcome);
    }

    [Fact]
    public void StandardWithoutRestrictions_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry(sku: "Standard").View()).Outcome);
    }

    [Fact]
    public void PremiumWithRestrictions_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("203.0.113.7").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void NoRegistry_Skipped()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().HealthyProbe().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:arm.registry", result.Reason);
    }
}
