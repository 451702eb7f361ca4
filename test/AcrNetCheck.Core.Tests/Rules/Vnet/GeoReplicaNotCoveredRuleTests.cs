using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class GeoReplicaNotCoveredRuleTests
{
    private readonly GeoReplicaNotCoveredRule _rule = new();

    [Fact]
    public void ReplicaAddedAfterEndpoint_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Replica("westeurope");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.Contains("replica westeurope", finding.Message);
        Assert.Contains("pe-contoso", finding.Message);
        Assert.Equal(b.PrivateEndpointId(), finding.Evidence[0].Source);
        Assert.Equal("contoso.azurecr.io, contoso.eastus.data.azurecr.io", finding.Evidence[0].Observed);
        Assert.Contains(finding.Fix, f => f == "az acr replication show --registry <registry> --name westeurope --query status");
    }

    [Fact]
    public void ReplicaBeforeEndpoint_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().Replica("westeurope").PrivateEndpointWithDns().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void ReplicationsReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns();
        b.CollectionError("replications", ArmPaths.Replications(b.RegistryId), 403, "AuthorizationFailed", "Microsoft.ContainerRegistry/registries/replications/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("Microsoft.ContainerRegistry/registries/replications/read", result.Reason);
    }

    [Fact]
    public void SingleRegion_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ReplicationsRead().PrivateEndpointWithDns().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
