using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Service;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Service;

public class TrustedServicesBypassOffRuleTests
{
    private readonly TrustedServicesBypassOffRule _rule = new();

    [Fact]
    public void DefaultDenyWithBypassNone_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().Bypass("None");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("defaultAction Deny", finding.Message);
        Assert.Contains("networkRuleBypassOptions is None", finding.Message);
        Assert.Equal("properties.networkRuleBypassOptions", finding.Evidence[0].Path);
        Assert.Equal("None", finding.Evidence[0].Observed);
        Assert.Equal("AzureServices", finding.Evidence[0].Expected);
        Assert.Contains("az acr update --name <registry> --allow-trusted-services true", finding.Fix);
    }

    [Fact]
    public void PublicAccessDisabledWithBypassNone_EvidenceNamesPublicNetworkAccess()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().Bypass("None").View()).Findings);

        Assert.Contains("public network access is Disabled", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path == "properties.publicNetworkAccess" && e.Observed == "Disabled");
    }

    [Fact]
    public void RestrictedWithTrustedServicesAllowed_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().Bypass("AzureServices").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void OpenRegistryWithBypassNone_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().Bypass("None").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void RegistryReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().Bypass("None");
        var bundle = b.Build();
        bundle.Arm!.Registry = null;
        bundle.CollectionErrors.Add(new() { Read = "registry", ResourceId = b.RegistryId, Status = 403, ErrorCode = "AuthorizationFailed", RequiredPermission = "Microsoft.ContainerRegistry/registries/read" });

        var result = _rule.Evaluate(new AcrNetCheck.Core.Evidence.EvidenceView(bundle));

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:registry", result.Reason);
        Assert.Contains("Microsoft.ContainerRegistry/registries/read", result.Reason);
    }
}
