using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Auth;

internal sealed class NetworkSettingsNotWritableRule : Rule
{
    public new const string Id = "auth.network-settings-not-writable";

    /// <summary>
    /// What changing a registry's network access takes, with what each allows (learn.microsoft.com/azure/role-based-access-control/permissions/containers
    /// for the registry actions, …/permissions/networking for private endpoints).
    /// </summary>
    internal static readonly (string Action, string Allows)[] NetworkChangeActions =
    [
        ("Microsoft.ContainerRegistry/registries/write", "change the public access, IP rules, VNet rules and trusted-services bypass (az acr update, az acr network-rule add)"),
        ("Microsoft.ContainerRegistry/registries/privateEndpointConnectionsApproval/action", "approve or reject private endpoint connections (az acr private-endpoint-connection approve)"),
        ("Microsoft.Network/privateEndpoints/write", "create a private endpoint for the registry (az network private-endpoint create)"),
    ];

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Auth,
        severity: Severity.Info,
        title: "The signed-in identity cannot change the registry's network settings",
        cause: "Saving firewall and virtual network settings, approving a private endpoint connection or creating a private endpoint are " +
               "ARM writes: the identity needs Microsoft.ContainerRegistry/registries/write, the private endpoint connection approval action " +
               "and Microsoft.Network/privateEndpoints/write. ARM's permissions API shows its roles at the registry's scope grant some of them not " +
               "(a role's notActions remove actions from that role only).",
        solution:
        [
            "Ask an owner of the registry for a role that grants the missing actions, e.g. Contributor on the registry: az role assignment create --assignee <your-object-id> --role Contributor --scope <registry-id>",
            "For private endpoints, Network Contributor where the endpoint is created: az role assignment create --assignee <your-object-id> --role \"Network Contributor\" --scope <resource-group-id>",
            "See what you hold now: az role assignment list --assignee <your-object-id> --scope <registry-id> --include-inherited -o table",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-roles",
        symptoms: [Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.RegistryId is not { } registryId) return RuleResult.Needs("arm.registry");
        var path = ArmPaths.CallerPermissions(registryId);
        if (evidence.Resource<CallerPermissionsView>(path) is not { } permissions)
            return RuleResult.Skip(evidence.MissingReason(path, $"arm.resources[{path}]"));

        var missing = NetworkChangeActions.Where(a => !permissions.Allows(a.Action)).ToList();
        if (missing.Count == 0) return RuleResult.Pass("the caller's roles grant every network-change action at the registry's scope");
        var roles = permissions.Entries.Count;
        return RuleResult.Fail(new Finding
        {
            Subject = registryId,
            Message = $"The signed-in identity's {roles} role(s) at {evidence.RegistryName}'s scope do not grant {FindingText.List(missing.Select(m => m.Action))}, " +
                      $"so it cannot {string.Join("; nor ", missing.Select(m => m.Allows))}. Reading the settings works; saving them fails with AuthorizationFailed.",
            Evidence = missing.Select(m => new EvidenceRef(path, "value[].actions", "not granted", m.Action)).ToList(),
            Fix = [Shell.Command($"az role assignment list --assignee <your-object-id> --scope {registryId} --include-inherited -o table")],
        });
    }
}
