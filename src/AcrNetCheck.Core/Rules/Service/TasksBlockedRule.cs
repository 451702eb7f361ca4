using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Service;

internal sealed class TasksBlockedRule : Rule
{
    public new const string Id = "service.tasks-blocked";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Service,
        severity: Severity.Error,
        title: "ACR Tasks cannot reach the network-restricted registry",
        cause: "The registry is network-restricted and has ACR tasks but no agent pool: the tasks run on shared agents whose addresses " +
               "are in the AzureContainerRegistry service tag ranges, not in the registry's allowed networks, and without " +
               "networkRuleBypassAllowedForTasks their requests are refused.",
        solution:
        [
            "Run the tasks inside your network on a dedicated agent pool (Premium tier): " + RegistryRestriction.CreateAgentPool,
            "Move each task to it: az acr task update --registry <registry> --name <task> --agent-pool <pool>",
            "Or keep shared agents: give each task a system-assigned identity (az acr task identity assign --registry <registry> --name <task>), " +
            "allow trusted services (" + RegistryRestriction.AllowTrustedServices + ") and let tasks bypass the network rules: " +
            RegistryRestriction.AllowTasksBypass,
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/tasks-agent-pools",
        symptoms: [Symptoms.TasksCannotPushOrPull],
        // An Azure service refused by the network rules is what this restriction looks like in the login events.
        explains: [Logs.AzureServiceDeniedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (RegistryRestriction.SkipUnlessRestricted(evidence) is { } skip) return skip;
        var registry = evidence.Registry!;

        var tasksKey = ArmPaths.Tasks(registry.Id);
        if (evidence.List(tasksKey) is not { } taskIds) return RuleResult.Skip(evidence.MissingReason(tasksKey, $"arm.lists[{tasksKey}]"));
        if (taskIds.Count == 0) return RuleResult.NotApplicable("the registry has no ACR tasks");

        var poolsKey = ArmPaths.AgentPools(registry.Id);
        var poolIds = evidence.List(poolsKey);
        if (poolIds is { Count: > 0 })
            return RuleResult.Pass($"tasks can run on the agent pool(s) {FindingText.List(poolIds.Select(p => new ResourceId(p).Name))}");
        var bypassForTasks = evidence.NetworkRuleBypassAllowedForTasks;
        if (bypassForTasks == true) return RuleResult.Pass("networkRuleBypassAllowedForTasks is true");
        // Unknown is not false: with the setting on, tasks get through. The first read's api-version does not return it;
        // the second read (a current api-version) does, unless it failed.
        if (bypassForTasks is null) return RuleResult.Skip(BypassForTasksUnknown(evidence));

        var taskNames = taskIds.Select(t => new ResourceId(t).Name).ToList();
        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{taskNames.Count} ACR task(s) ({FindingText.List(taskNames)}) run on shared agents: {registry.Name} has " +
                      (poolIds is null ? "no agent pool known (the agent pool list was not read)" : "no agent pool") +
                      $", {RegistryRestriction.Describe(registry)} and networkRuleBypassAllowedForTasks is false, " +
                      "so the agents' AzureContainerRegistry service-tag addresses are refused.",
            Evidence =
            [
                new EvidenceRef(tasksKey, "value[*].name", FindingText.List(taskNames)),
                new EvidenceRef(poolsKey, "value", poolIds is null ? "not read" : "[]", "an agent pool in an allowed subnet"),
                new EvidenceRef(evidence.Bundle.Arm?.RegistryCurrentApiVersion is { } version ? $"{registry.Id} (api-version {version})" : registry.Id,
                    ArmView.PathOf("networkRuleBypassAllowedForTasks"), "false", "true"),
                RegistryRestriction.Evidence(registry),
            ],
            Fix =
            [
                RegistryRestriction.CreateAgentPool,
                .. taskNames.Select(RegistryRestriction.MoveTaskToPool),
            ],
        });
    }

    /// <summary>The failed second read of the registry (naming its permission), else what is needed.</summary>
    private static SkipReason BypassForTasksUnknown(EvidenceView evidence) =>
        evidence.CollectionErrors.LastOrDefault(e => e.Read == ArmEvidence.RegistryCurrentRead) is { } failed
            ? evidence.MissingReason(failed.ResourceId, ArmEvidence.RegistryCurrentRead)
            : SkipReason.Needs("arm.registryCurrent.properties.networkRuleBypassAllowedForTasks (the registry read with a current api-version; " +
                               $"the {evidence.Bundle.Arm?.RegistryApiVersion ?? "first"} read does not return it)");
}
