using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Service;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Service;

public class TasksBlockedRuleTests
{
    private readonly TasksBlockedRule _rule = new();

    [Fact]
    public void RestrictedTasksOnSharedAgents_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled().RegistryProperty("networkRuleBypassAllowedForTasks", false).Tasks(2);

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(b.RegistryId, finding.Subject);
        Assert.StartsWith("2 ACR task(s) (task0, task1)", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path == "properties.networkRuleBypassAllowedForTasks" && e.Observed == "false" && e.Expected == "true");
        Assert.Contains(finding.Evidence, e => e.Source == ArmPaths.AgentPools(b.RegistryId) && e.Observed == "[]");
    }

    [Fact]
    public void RestrictedTasksOnSharedAgents_FixMovesEachTaskToAPool()
    {
        var finding = Assert.Single(_rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().RegistryProperty("networkRuleBypassAllowedForTasks", false).Tasks(2).View()).Findings);

        Assert.Contains(finding.Fix, f => f.StartsWith("az acr agentpool create --registry <registry>"));
        Assert.Contains("az acr task update --registry <registry> --name task1 --agent-pool <pool>", finding.Fix);
    }

    [Fact]
    public void BypassForTasksNotReturnedByTheApiVersion_SkippedNotFailed()
    {
        // The first read (2021-08-01-preview, to keep virtualNetworkRules) does not return the setting, and no second read is there.
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().Tasks(2).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal(SkipKind.Needs, result.SkipReason!.Kind);
        Assert.StartsWith("needs:arm.registryCurrent.properties.networkRuleBypassAllowedForTasks", result.Reason);
    }

    [Fact]
    public void SecondReadSaysFalse_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().Tasks(2).RegistryCurrent(networkRuleBypassAllowedForTasks: false);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("networkRuleBypassAllowedForTasks is false", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Source == $"{b.RegistryId} (api-version 2025-11-01)" && e.Path == "properties.networkRuleBypassAllowedForTasks" && e.Observed == "false");
    }

    [Fact]
    public void SecondReadSaysTrue_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().Tasks(2).RegistryCurrent(networkRuleBypassAllowedForTasks: true).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Equal("networkRuleBypassAllowedForTasks is true", result.Reason);
    }

    [Fact]
    public void SecondReadRefused_SkippedNamingThePermission()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().Tasks(2);
        b.CollectionError("registryCurrent", $"{b.RegistryId}?api-version=2025-11-01", 403, "AuthorizationFailed", "Microsoft.ContainerRegistry/registries/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal(SkipKind.CollectionFailed, result.SkipReason!.Kind);
        Assert.Equal("collection-failed:registryCurrent (HTTP 403 AuthorizationFailed; needs Microsoft.ContainerRegistry/registries/read)", result.Reason);
    }

    [Fact]
    public void BypassForTasksExplicitlyFalse_DiagnosticSaysFalse()
    {
        var b = EvidenceBuilder.Create().Registry().DefaultDeny().RegistryProperty("networkRuleBypassAllowedForTasks", false).Tasks(1);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("networkRuleBypassAllowedForTasks is false", finding.Message);
    }

    [Fact]
    public void AgentPoolPresent_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().Tasks(2, agentPools: 1).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void BypassAllowedForTasks_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .RegistryProperty("networkRuleBypassAllowedForTasks", true).Tasks(2).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoTasks_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().Tasks(0).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void TasksListReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled();
        b.CollectionError("tasks", ArmPaths.Tasks(b.RegistryId), 403, "AuthorizationFailed", "Microsoft.ContainerRegistry/registries/tasks/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("collection-failed:tasks (HTTP 403 AuthorizationFailed; needs Microsoft.ContainerRegistry/registries/tasks/read)", result.Reason);
    }

    [Fact]
    public void TasksListNotCollected_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.lists[", result.Reason);
        Assert.EndsWith("/tasks]", result.Reason);
    }
}
