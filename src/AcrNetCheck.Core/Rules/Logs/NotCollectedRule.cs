using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Logs;

internal sealed class NotCollectedRule : Rule
{
    public new const string Id = "logs.not-collected";

    private const string LoginEventsCategory = "ContainerRegistryLoginEvents";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Logs,
        severity: Severity.Info,
        title: "The registry's login events are not sent to Log Analytics",
        cause: "No diagnostic setting of the registry sends the ContainerRegistryLoginEvents category to a Log Analytics workspace, " +
               "so the server's view of failed logins (caller IP, identity, 401 or 403) cannot be checked.",
        solution:
        [
            "Send login events to a workspace: az monitor diagnostic-settings create --name acr-login-events --resource <registry-id> " +
            "--workspace <workspace-id> --logs '[{\"category\":\"ContainerRegistryLoginEvents\",\"enabled\":true}]'",
            "Reproduce the failure, then query the workspace: ContainerRegistryLoginEvents | where ResultType != \"200\" | summarize count() by CallerIpAddress, Identity, ResultDescription",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/monitor-service",
        // Not an error a client prints: the symptom is the dead end of the seed article's advanced troubleshooting step.
        symptoms: ["No ContainerRegistryLoginEvents to review when a push or pull is refused"]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.RegistryId is not { } registryId) return RuleResult.Needs("target.resourceId");
        var key = ArmPaths.DiagnosticSettings(registryId);
        if (evidence.ListOf<DiagnosticSettingView>(key) is not { } settings) return RuleResult.Skip(evidence.MissingReason(key, $"arm.lists[{key}]"));

        if (settings.FirstOrDefault(s => s.SendsLoginEventsToWorkspace) is { } collecting)
            return RuleResult.Pass($"diagnostic setting '{collecting.Name}' sends login events to {new ResourceId(collecting.WorkspaceId!).Name}");

        var observed = settings.Count == 0
            ? "no diagnostic settings"
            : string.Join("; ", settings.Select(s => $"{s.Name}: {(s.WorkspaceId is null ? "no workspace" : "workspace " + new ResourceId(s.WorkspaceId).Name)}, " +
                                                     $"logs [{FindingText.List(s.EnabledLogs)}]"));
        var state = settings.Count == 0
            ? "has no diagnostic settings"
            : $"has {settings.Count} diagnostic setting(s), none sending {LoginEventsCategory} to a Log Analytics workspace ({observed})";
        return RuleResult.Fail(new Finding
        {
            Subject = registryId,
            Message = $"{evidence.RegistryName} {state}: failed logins cannot be traced to a caller IP or identity.",
            Evidence = [new EvidenceRef(key, "value[*].properties", observed, $"{LoginEventsCategory} (or allLogs/audit) enabled with a workspaceId")],
            // A setting that already targets a workspace names the one to reuse; otherwise the descriptor's steps say it all.
            Fix = settings.Select(s => s.WorkspaceId).OfType<string>().FirstOrDefault() is { } workspaceId
                ? [Shell.Command($"az monitor diagnostic-settings create --name acr-login-events --resource <registry-id> --workspace {workspaceId} ") +
                   $"--logs '[{{\"category\":\"{LoginEventsCategory}\",\"enabled\":true}}]'"]
                : [],
        });
    }
}
