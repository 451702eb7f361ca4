using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Auth;

public class NetworkSettingsNotWritableRuleTests
{
    private readonly NetworkSettingsNotWritableRule _rule = new();
    private const string RegistryWrite = "Microsoft.ContainerRegistry/registries/write";
    private const string Approval = "Microsoft.ContainerRegistry/registries/privateEndpointConnectionsApproval/action";
    private const string EndpointWrite = "Microsoft.Network/privateEndpoints/write";
    private const string SubnetJoin = "Microsoft.Network/virtualNetworks/subnets/join/action";
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");
    private static readonly string ClientSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-client");

    /// <summary>A registry with an approved private endpoint in vnet-hub/snet-pe, the caller's roles at the registry's scope given.</summary>
    private static EvidenceBuilder WithPrivateEndpoint(params (string[] Actions, string[] NotActions)[] registryRoles) =>
        EvidenceBuilder.Create().Registry().HubPrivateEndpoint().CallerPermissions(registryRoles);

    [Fact]
    public void ReaderOnly_NoSubnet_NamesTheRegistryActions_AndSaysThePrivateEndpointSideWasNotChecked()
    {
        var b = EvidenceBuilder.Create().Registry().ReaderOnly();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Equal([RegistryWrite, Approval], finding.Evidence.Select(e => e.Expected));
        Assert.All(finding.Evidence, e => Assert.Equal(ArmPaths.CallerPermissions(b.RegistryId), e.Source));
        Assert.Contains("cannot change the public access, IP rules", finding.Message);
        Assert.Contains("the private-endpoint side was not checked: no private endpoint subnet and no --from/--aks subnet", finding.Message);
        Assert.Equal(Severity.Info, _rule.Descriptor.Severity);
    }

    [Fact]
    public void Owner_NoSubnet_PassesSayingThePrivateEndpointSideWasNotChecked()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().CallerPermissions((["*"], [])).View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains("the private-endpoint side was not checked", result.Reason);
    }

    [Fact]
    public void RegistryScopeDoesNotDecideThePrivateEndpointActions()
    {
        // Registry actions only: nothing for Microsoft.Network at the registry's scope, and that is not judged there.
        var evidence = EvidenceBuilder.Create().Registry().CallerPermissions((["Microsoft.ContainerRegistry/*"], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void RegistryScopeOk_PrivateEndpointSubnetLacksJoin_NamesTheSubnet()
    {
        var b = WithPrivateEndpoint((["*"], [])).CallerPermissionsAt(PeSubnet, (["*/read", "Microsoft.Network/privateEndpoints/*"], []));

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        var evidence = Assert.Single(finding.Evidence);
        Assert.Equal((ArmPaths.CallerPermissions(PeSubnet), SubnetJoin), (evidence.Source, evidence.Expected));
        Assert.Contains("on subnet vnet-hub/snet-pe do not grant Microsoft.Network/virtualNetworks/subnets/join/action", finding.Message);
        Assert.DoesNotContain("not checked", finding.Message);
        Assert.Equal([$"az role assignment list --assignee <your-object-id> --scope {PeSubnet} --include-inherited -o table"], finding.Fix);
    }

    [Fact]
    public void SubnetOk_RegistryScopeLacksWrite_NamesOnlyTheRegistryAction()
    {
        var b = WithPrivateEndpoint((["*/read", Approval], [])).CallerPermissionsAt(PeSubnet, (["Microsoft.Network/*"], []));

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal([RegistryWrite], finding.Evidence.Select(e => e.Expected));
        Assert.Equal(ArmPaths.CallerPermissions(b.RegistryId), finding.Evidence[0].Source);
        Assert.Equal([$"az role assignment list --assignee <your-object-id> --scope {b.RegistryId} --include-inherited -o table"], finding.Fix);
    }

    [Fact]
    public void BothScopesOk_Passes()
    {
        var evidence = WithPrivateEndpoint((["Microsoft.ContainerRegistry/*/write", "Microsoft.ContainerRegistry/*/action"], []))
            .CallerPermissionsAt(PeSubnet, (["*"], [])).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Equal("the caller's roles grant every network-change action at the registry's scope and on each subnet read", result.Reason);
    }

    [Fact]
    public void SubnetNotActionTakesJoinAway_FromTheSourceSubnet()
    {
        // --from the client's subnet: Network Contributor-like role minus join on that subnet.
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet().CallerPermissions((["*"], []))
            .CallerPermissionsAt(ClientSubnet, (["Microsoft.Network/*"], [SubnetJoin])).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal([(ArmPaths.CallerPermissions(ClientSubnet), SubnetJoin)], finding.Evidence.Select(e => (e.Source, e.Expected!)));
        Assert.Contains("vnet-app/snet-client", finding.Message);
    }

    [Fact]
    public void EverySubnetAndTheRegistry_EachNamedWithWhatItLacks()
    {
        var b = WithPrivateEndpoint((["*/read"], [])).ClientSubnet()
            .ReaderOnlyAt(PeSubnet).ReaderOnlyAt(ClientSubnet);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(
            [(b.RegistryId, RegistryWrite), (b.RegistryId, Approval), (ClientSubnet, EndpointWrite), (ClientSubnet, SubnetJoin), (PeSubnet, EndpointWrite), (PeSubnet, SubnetJoin)],
            finding.Evidence.Select(e => (e.Source[..^"/providers/Microsoft.Authorization/permissions".Length], e.Expected!)));
        Assert.Equal(3, finding.Fix.Count);
    }

    [Fact]
    public void PendingEndpointsSubnet_IsNotAScopeToCheck()
    {
        var evidence = EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet, status: "Pending").CallerPermissions((["*"], [])).View();

        Assert.Empty(CallerPermissionScopes.Subnets(evidence));
    }

    [Fact]
    public void SubnetPermissionsRefused_PassesOnTheRegistryScope_SayingWhyTheSubnetWasNotChecked()
    {
        var b = WithPrivateEndpoint((["*"], []));
        b.CollectionError("permissions", ArmPaths.CallerPermissions(PeSubnet), 403, "AuthorizationFailed", "Microsoft.Authorization/permissions/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains("the private-endpoint side was not checked: vnet-hub/snet-pe (collection-failed:permissions (HTTP 403 AuthorizationFailed; needs Microsoft.Authorization/permissions/read))", result.Reason);
    }

    [Fact]
    public void MoreSubnetsThanTheCap_OnlyTheFirstAreRead_AndTheRestAreSaidNotChecked()
    {
        var ids = Enumerable.Range(1, CallerPermissionScopes.MaxSubnets + 2).Select(i => EvidenceBuilder.SubnetId("vnet-aks", $"snet-{i}")).ToArray();
        var b = EvidenceBuilder.Create().Registry().SourceSubnets("aks", "/subscriptions/x/aks", ids).CallerPermissions((["*"], []));
        foreach (var id in ids) b.ReaderOnlyAt(id);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(ids.Take(CallerPermissionScopes.MaxSubnets), CallerPermissionScopes.Read(CallerPermissionScopes.Subnets(b.View())));
        Assert.Equal(CallerPermissionScopes.MaxSubnets, finding.Fix.Count);
        Assert.Contains("(2 more subnet(s) not checked (the permissions are read on at most 8))", finding.Message);
    }

    [Fact]
    public void RegistryScopeNotRead_SubnetGap_StillFound_SayingTheRegistryWasNotChecked()
    {
        var b = EvidenceBuilder.Create().Registry().HubPrivateEndpoint().ReaderOnlyAt(PeSubnet);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal([EndpointWrite, SubnetJoin], finding.Evidence.Select(e => e.Expected));
        Assert.Contains("the registry's scope was not checked (needs:arm.resources[", finding.Message);
    }

    [Fact]
    public void RegistryScopeNotRead_SubnetOk_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry().HubPrivateEndpoint().CallerPermissionsAt(PeSubnet, (["*"], []));

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{ArmPaths.CallerPermissions(b.RegistryId)}]", result.Reason);
    }

    [Fact]
    public void WildcardNotActionTakesAwayOnlyFromItsOwnRole()
    {
        // Contributor-like role without registry writes, plus a Network Contributor role: the registry's rules cannot be changed.
        var evidence = EvidenceBuilder.Create().Registry()
            .CallerPermissions((["*"], ["Microsoft.ContainerRegistry/registries/*"]), (["Microsoft.Network/*"], [])).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal([RegistryWrite, Approval], finding.Evidence.Select(e => e.Expected));
    }

    [Fact]
    public void NotActionInOneRoleDoesNotDenyWhatAnotherRoleGrants()
    {
        var evidence = WithPrivateEndpoint((["*"], ["Microsoft.ContainerRegistry/*/write"]), (["microsoft.containerregistry/registries/*"], []))
            .CallerPermissionsAt(PeSubnet, (["*"], ["Microsoft.Network/*"]), ([EndpointWrite, SubnetJoin], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void MidPatternWildcard_MatchesAcrossSegments()
    {
        var evidence = WithPrivateEndpoint((["Microsoft.ContainerRegistry/*/write", "Microsoft.ContainerRegistry/*/action"], []))
            .CallerPermissionsAt(PeSubnet, (["Microsoft.Network/privateEndpoints/*", "Microsoft.Network/*/action"], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoRoleAtAll_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().CallerPermissions().View()).Findings);

        Assert.Contains("0 role(s)", finding.Message);
        Assert.Equal(2, finding.Evidence.Count);
    }

    [Fact]
    public void PermissionsNotRead_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{ArmPaths.CallerPermissions(b.RegistryId)}]", result.Reason);
    }

    [Fact]
    public void PermissionsReadRefused_SkippedNamingThePermission()
    {
        var b = EvidenceBuilder.Create().Registry();
        b.CollectionError("permissions", ArmPaths.CallerPermissions(b.RegistryId), 403, "AuthorizationFailed", "Microsoft.Authorization/permissions/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:permissions (HTTP 403 AuthorizationFailed; needs Microsoft.Authorization/permissions/read)", result.Reason);
    }
}
