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
            "Run the tasks inside your network on a dedicated agent pool (Premium tier): az acr agentpool create --registry <registry> --name <pool> --tier S1 --subnet-id <subnet-id>",
            "Move each task to it: az acr task update --registry <registry> --name <task> --agent-pool <pool>",
            "Or keep shared agents: give each task a system-assigned identity (az acr task identity assign --registry <registry> --name <task>), " +
            "allow trusted services (" + RegistryRestriction.AllowTrustedServices + ") and let tasks bypass the network rules: " +
            "az resource update --ids <registry-id> --set properties.networkRuleBypassAllowedForTasks=true",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/tasks-agent-pools",
        symptoms: [Symptoms.TasksCannotPushOrPull]);

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
        if (registry.NetworkRuleBypassAllowedForTasks == true) return RuleResult.Pass("networkRuleBypassAllowedForTasks is true");
        // Unknown is not false: api-versions before 2025 do not return the setting, and with it on, tasks get through.
        if (registry.NetworkRuleBypassAllowedForTasks is null)
            return RuleResult.Needs("arm.registry.properties.networkRuleBypassAllowedForTasks (returned by api-version 2025-11-01, not by the 2021-08-01-preview read that keeps virtualNetworkRules)");

        var taskNames = taskIds.Select(t => new ResourceId(t).Name).ToList();
        var bypassForTasks = "false";
        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{taskNames.Count} ACR task(s) ({FindingText.List(taskNames)}) run on shared agents: {registry.Name} has " +
                      (poolIds is null ? "no agent pool known (the agent pool list was not read)" : "no agent pool") +
                      $", {RegistryRestriction.Describe(registry)} and networkRuleBypassAllowedForTasks is {bypassForTasks}, " +
                      "so the agents' AzureContainerRegistry service-tag addresses are refused.",
            Evidence =
            [
                new EvidenceRef(tasksKey, "value[*].name", FindingText.List(taskNames)),
                new EvidenceRef(poolsKey, "value", poolIds is null ? "not read" : "[]", "an agent pool in an allowed subnet"),
                new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleBypassAllowedForTasks"), bypassForTasks, "true"),
                RegistryRestriction.Evidence(registry),
            ],
            Fix =
            [
                "az acr agentpool create --registry <registry> --name <pool> --tier S1 --subnet-id <subnet-id>",
                .. taskNames.Select(t => Shell.Command($"az acr task update --registry <registry> --name {t} --agent-pool <pool>")),
            ],
        });
    }
}
