using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class AccessDisabledRuleTests
{
    private readonly AccessDisabledRule _rule = new();
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    [Fact]
    public void DisabledWithoutPrivateEndpoint_DiagnosticNobodyCanReachIt()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("no client can reach it", finding.Message);
        Assert.Equal("properties.publicNetworkAccess", finding.Evidence[0].Path);
        Assert.Equal("Disabled", finding.Evidence[0].Observed);
    }

    [Fact]
    public void DisabledWithPendingPrivateEndpointOnly_DiagnosticNamesTheState()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpoint(PeSubnet, status: "Pending").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("Pending", finding.Message);
    }

    [Fact]
    public void ClientResolvesPublicAddress_DiagnosticExpectsPrivateEndpoint()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .HealthyProbe(address: "20.42.65.1")
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("20.42.65.1 (public)", finding.Message);
        Assert.Contains("10.1.0.4", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].dns[source=system].addresses", finding.Evidence[0].Path);
        Assert.Equal("20.42.65.1", finding.Evidence[0].Observed);
    }

    [Fact]
    public void ClientResolvesPrivateEndpoint_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .HealthyProbe(address: "10.1.0.4")
            .View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void ApprovedPrivateEndpointButNoProbe_SkippedNeedingDns()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[].dns", result.Reason);
    }

    [Fact]
    public void PublicAccessEnabled_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void RegistryReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry()
            .CollectionError("registry", EvidenceBuilder.Create().Registry().RegistryId, 403, "AuthorizationFailed", "Microsoft.ContainerRegistry/registries/read");
        var bundle = b.Build();
        bundle.Arm!.Registry = null;

        var result = _rule.Evaluate(new EvidenceView(bundle));

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:registry", result.Reason);
        Assert.Contains("Microsoft.ContainerRegistry/registries/read", result.Reason);
    }
}
