using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Auth;

public class AksKubeletCannotPullRuleTests
{
    private readonly AksKubeletCannotPullRule _rule = new();
    private const string ReaderRoleId = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string SomeoneElse = "ce2ce14e-85d7-4629-bdbc-454d0519d987";

    [Fact]
    public void KubeletWithoutAnyRole_Diagnostic()
    {
        var builder = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(SomeoneElse, EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId)).AcrPullDefinition();

        var result = _rule.Evaluate(builder.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        Assert.Equal(Severity.Error, _rule.Descriptor.Severity);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(EvidenceBuilder.ClusterId, finding.Subject);
        Assert.Contains(EvidenceBuilder.KubeletObjectId, finding.Message);
        Assert.Equal((EvidenceBuilder.ClusterId, "properties.identityProfile.kubeletidentity.objectId"), (finding.Evidence[0].Source, finding.Evidence[0].Path));
        Assert.Equal(ArmPaths.RoleAssignments(builder.RegistryId), finding.Evidence[1].Source);
        Assert.Equal($"az aks update --resource-group rg-aks --name aks-prod --attach-acr {builder.RegistryId}", finding.Fix[0]);
    }

    [Fact]
    public void KubeletWithARoleThatCannotPull_Diagnostic()
    {
        var contributorLike = "11111111-2222-3333-4444-555555555555";
        var evidence = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(contributorLike))
            .RoleDefinition(contributorLike, "Registry writer without pull", ["Microsoft.ContainerRegistry/*"], notActions: ["Microsoft.ContainerRegistry/registries/pull/read"]).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("none allowing", finding.Message);
    }

    [Fact]
    public void KubeletWithAcrPull_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId)).AcrPullDefinition().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void KubeletWithReaderOnTheResourceGroup_WildcardAllowsPull_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(ReaderRoleId), scope: $"/subscriptions/{EvidenceBuilder.Subscription}/resourceGroups/{EvidenceBuilder.Group}")
            .RoleDefinition(ReaderRoleId, "Reader", ["*/read"]).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains("Reader", result.Reason);
    }

    [Fact]
    public void AcrPullDefinitionNotRead_ItsWellKnownIdStillCounts()
    {
        var evidence = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void AssignmentsRefused_SkippedNamingThePermission()
    {
        var builder = EvidenceBuilder.Create().Registry().AksCluster();
        var evidence = builder.CollectionError("roleAssignments", ArmPaths.RoleAssignments(builder.RegistryId), 403, "AuthorizationFailed", "Microsoft.Authorization/roleAssignments/read").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("collection-failed:roleAssignments (HTTP 403 AuthorizationFailed; needs Microsoft.Authorization/roleAssignments/read)", result.Reason);
    }

    [Fact]
    public void UnknownRoleNotRead_Skipped()
    {
        var custom = "99999999-2222-3333-4444-555555555555";
        var evidence = EvidenceBuilder.Create().Registry().AksCluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(custom)).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{EvidenceBuilder.RoleDefinitionId(custom)}]", result.Reason);
    }

    [Fact]
    public void ServicePrincipalCluster_SkippedNamingWhatIsMissing()
    {
        var evidence = EvidenceBuilder.Create().Registry().AksCluster(kubeletObjectId: null, servicePrincipalClientId: "c0ffee00-0000-0000-0000-000000000001").RoleAssignmentsRead().View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("c0ffee00-0000-0000-0000-000000000001", result.Reason);
    }

    [Fact]
    public void NoAksSource_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
