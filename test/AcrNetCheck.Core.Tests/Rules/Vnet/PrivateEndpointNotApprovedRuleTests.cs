using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateEndpointNotApprovedRuleTests
{
    private readonly PrivateEndpointNotApprovedRule _rule = new();
    private static readonly string Subnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    [Theory]
    [InlineData("Pending")]
    [InlineData("Rejected")]
    [InlineData("Disconnected")]
    public void ConnectionNotApproved_Diagnostic(string state)
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet, status: state);

        var result = _rule.Evaluate(b.View());

        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.PrivateEndpointId(), finding.Subject);
        Assert.Equal(state, finding.Evidence[0].Observed);
        Assert.Contains(".properties.privateLinkServiceConnectionState.status", finding.Evidence[0].Path);
    }

    [Fact]
    public void Pending_FixNamesTheConnectionToApprove()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet, status: "Pending").View()).Findings);

        Assert.Contains(finding.Fix, f => f.StartsWith("az acr private-endpoint-connection approve"));
    }

    [Fact]
    public void Approved_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet).View()).Outcome);
    }

    [Fact]
    public void NoPrivateEndpoints_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }

    [Fact]
    public void RegistryReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create();
        b.Registry();
        var bundle = b.Build();
        bundle.Arm!.Registry = null;
        bundle.CollectionErrors.Add(new() { Read = "registry", ResourceId = b.RegistryId, Status = 403, ErrorCode = "AuthorizationFailed", RequiredPermission = "Microsoft.ContainerRegistry/registries/read" });

        var result = _rule.Evaluate(new AcrNetCheck.Core.Evidence.EvidenceView(bundle));

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("Microsoft.ContainerRegistry/registries/read", result.Reason);
    }
}
