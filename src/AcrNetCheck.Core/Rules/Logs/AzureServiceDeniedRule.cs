using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Service;

namespace AcrNetCheck.Core.Rules.Logs;

internal sealed class AzureServiceDeniedRule : Rule
{
    public new const string Id = "logs.azure-service-denied";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Logs,
        severity: Severity.Error,
        title: "The registry refused logins from an Azure service",
        cause: "The registry's login events show requests refused with 403 from an Azure service rather than a machine you run: an ACR " +
               "task's managed identity, or an address in the AzureContainerRegistry service tag (the shared agents of ACR Tasks, az acr build " +
               "and az acr run). Those addresses are shared and change, so no IP rule admits them: the registry's service settings do.",
        solution:
        [
            "Run the tasks inside your network on a dedicated agent pool (Premium tier): " + RegistryRestriction.CreateAgentPool,
            "Or let tasks with a managed identity bypass the network rules: " + RegistryRestriction.AllowTasksBypass,
            "Let trusted Azure services through when the bypass is off: " + RegistryRestriction.AllowTrustedServices,
            "Query the events again after the change: ContainerRegistryLoginEvents | where ResultType == \"403\" | summarize count() by CallerIpAddress, Identity",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/tasks-agent-pools",
        symptoms: [Symptoms.TasksCannotPushOrPull]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.LoginEvents is not { } events) return LoginEventFacts.Missing(evidence);
        var source = LoginEventFacts.Source(events);
        return RuleResult.From(LoginEventFacts.AzureServiceDenials(evidence, events).Select(denied => new Finding
        {
            Subject = denied.Events.CallerIp,
            Message = $"{denied.Events.Summary} were refused by the registry's network rules ({FindingText.List(denied.Events.Results)}): " +
                      $"the caller is {denied.Caller.Description}. {Standing(evidence)} {AzureCallerAdvice.NoIpRule}",
            Evidence =
            [
                denied.Events.EvidenceFrom(source),
                .. denied.Caller.Tag is { } tag ? [new EvidenceRef("serviceTags", $"serviceTags.tags[{tag}]", denied.Events.CallerIp)] : Array.Empty<EvidenceRef>(),
                .. denied.Caller.TaskId is { } task ? [new EvidenceRef(task, "identity", denied.Caller.Identity)] : Array.Empty<EvidenceRef>(),
                .. evidence.Registry is { IsNetworkRestricted: true } registry ? [RegistryRestriction.Evidence(registry)] : Array.Empty<EvidenceRef>(),
            ],
            Fix = evidence.Registry is { IsNetworkRestricted: true } ? AzureCallerAdvice.ServiceFix(evidence, denied.Caller) : [],
        }));
    }

    /// <summary>What the registry's settings say now about Azure services getting in.</summary>
    private static string Standing(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return "The registry's network settings were not read.";
        if (!registry.IsNetworkRestricted) return "The registry now accepts all networks, so its settings changed after these denials.";
        var tasks = evidence.NetworkRuleBypassAllowedForTasks switch
        {
            true => "true (the task may lack a managed identity, or the setting changed after these denials)",
            false => "false",
            null => "not known",
        };
        return $"{char.ToUpperInvariant(RegistryRestriction.Describe(registry)[0])}{RegistryRestriction.Describe(registry)[1..]}, networkRuleBypassOptions is " +
               $"{registry.NetworkRuleBypassOptions} and networkRuleBypassAllowedForTasks is {tasks}.";
    }
}
