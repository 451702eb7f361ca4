using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Logs;

public class NotCollectedRuleTests
{
    private readonly NotCollectedRule _rule = new();
    private const string Workspace = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central";

    [Fact]
    public void NoDiagnosticSettings_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DiagnosticSettingsRead();

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.Contains("contoso has no diagnostic settings", finding.Message);
        Assert.Equal(ArmPaths.DiagnosticSettings(b.RegistryId), finding.Evidence[0].Source);
        Assert.Equal("no diagnostic settings", finding.Evidence[0].Observed);
    }

    [Fact]
    public void WorkspaceSettingWithoutLoginEvents_DiagnosticReusesItsWorkspace()
    {
        var b = EvidenceBuilder.Create().Registry().DiagnosticSetting("repo-events", Workspace, "ContainerRegistryRepositoryEvents");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("none sending ContainerRegistryLoginEvents", finding.Message);
        Assert.Contains("repo-events: workspace law-central, logs [ContainerRegistryRepositoryEvents]", finding.Evidence[0].Observed);
        Assert.Contains($"--workspace {Workspace}", Assert.Single(finding.Fix));
    }

    [Fact]
    public void LoginEventsToStorageOnly_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry()
            .DiagnosticSetting("to-storage", "", "ContainerRegistryLoginEvents").View()).Findings);

        Assert.Contains("to-storage: no workspace", finding.Message);
    }

    [Theory]
    [InlineData("ContainerRegistryLoginEvents")]
    [InlineData("allLogs")]
    public void LoginEventsToWorkspace_NoDiagnostic(string category)
    {
        var evidence = EvidenceBuilder.Create().Registry().DiagnosticSetting("acr-logs", Workspace, category).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void DiagnosticSettingsReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry();
        b.CollectionError("diagnosticSettings", ArmPaths.DiagnosticSettings(b.RegistryId), 403, "AuthorizationFailed", "Microsoft.Insights/diagnosticSettings/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:diagnosticSettings", result.Reason);
        Assert.Contains("Microsoft.Insights/diagnosticSettings/read", result.Reason);
    }

    [Fact]
    public void DiagnosticSettingsNotCollected_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.lists[", result.Reason);
    }
}
