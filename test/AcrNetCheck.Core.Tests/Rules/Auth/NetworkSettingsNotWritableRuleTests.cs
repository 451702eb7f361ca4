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

    [Fact]
    public void ReaderOnly_Diagnostic_NamesEveryMissingAction()
    {
        var b = EvidenceBuilder.Create().Registry().ReaderOnly();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Equal([RegistryWrite, Approval, EndpointWrite], finding.Evidence.Select(e => e.Expected));
        Assert.All(finding.Evidence, e => Assert.Equal(ArmPaths.CallerPermissions(b.RegistryId), e.Source));
        Assert.Contains("cannot change the public access, IP rules", finding.Message);
        Assert.Equal(Severity.Info, _rule.Descriptor.Severity);
    }

    [Fact]
    public void Owner_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().CallerPermissions((["*"], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void WildcardNotActionTakesAwayOnlyFromItsOwnRole()
    {
        // Contributor-like role without registry writes, plus a Network Contributor role: the private endpoint can be
        // created, the registry's rules cannot be changed.
        var evidence = EvidenceBuilder.Create().Registry()
            .CallerPermissions((["*"], ["Microsoft.ContainerRegistry/registries/*"]), (["Microsoft.Network/*"], [])).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal([RegistryWrite, Approval], finding.Evidence.Select(e => e.Expected));
    }

    [Fact]
    public void NotActionInOneRoleDoesNotDenyWhatAnotherRoleGrants()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .CallerPermissions((["*"], ["Microsoft.ContainerRegistry/*/write"]), (["microsoft.containerregistry/registries/*"], []), ([EndpointWrite], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void MidPatternWildcard_MatchesAcrossSegments()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .CallerPermissions((["Microsoft.ContainerRegistry/*/write", "Microsoft.ContainerRegistry/*/action", "Microsoft.Network/privateEndpoints/*"], [])).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoRoleAtAll_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().CallerPermissions().View()).Findings);

        Assert.Contains("0 role(s)", finding.Message);
        Assert.Equal(3, finding.Evidence.Count);
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
