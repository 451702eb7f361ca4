using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Auth;

/// <summary>
/// Whether the signed-in identity may change the registry's network access, each action judged at the one scope that
/// decides it: the registry's for its own writes and the connection approval, each relevant subnet's
/// (<see cref="CallerPermissionScopes"/>) for placing a private endpoint there. The permissions API at a subnet's scope
/// counts the roles assigned on the subnet, its VNet, their group and subscription, so <c>privateEndpoints/write</c> read
/// there is the answer for an endpoint created in the VNet's group, the usual place.
/// </summary>
internal sealed class NetworkSettingsNotWritableRule : Rule
{
    public new const string Id = "auth.network-settings-not-writable";

    /// <summary>
    /// What changing a registry's own network settings takes, decided at the registry's scope, with what each allows
    /// (learn.microsoft.com/azure/role-based-access-control/permissions/containers).
    /// </summary>
    internal static readonly (string Action, string Allows)[] RegistryScopeActions =
    [
        ("Microsoft.ContainerRegistry/registries/write", "change the public access, IP rules, VNet rules and trusted-services bypass (az acr update, az acr network-rule add)"),
        ("Microsoft.ContainerRegistry/registries/privateEndpointConnectionsApproval/action", "approve or reject private endpoint connections (az acr private-endpoint-connection approve)"),
    ];

    /// <summary>
    /// What placing a private endpoint in a subnet takes, decided at the subnet's scope
    /// (learn.microsoft.com/azure/private-link/rbac-permissions, …/role-based-access-control/permissions/networking).
    /// </summary>
    internal static readonly (string Action, string Allows)[] SubnetScopeActions =
    [
        ("Microsoft.Network/privateEndpoints/write", "create a private endpoint for the registry there (az network private-endpoint create)"),
        ("Microsoft.Network/virtualNetworks/subnets/join/action", "put a private endpoint's network interface in that subnet"),
    ];

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Auth,
        severity: Severity.Info,
        title: "The signed-in identity cannot change the registry's network settings",
        cause: "Saving firewall and virtual network settings or approving a private endpoint connection are ARM writes on the registry: " +
               "the identity needs Microsoft.ContainerRegistry/registries/write and the private endpoint connection approval action at the registry's scope. " +
               "Creating a private endpoint is a write on the network side: Microsoft.Network/privateEndpoints/write and " +
               "Microsoft.Network/virtualNetworks/subnets/join/action at the scope of the subnet it goes into. ARM's permissions API, read at the " +
               "registry's scope and at each relevant subnet's (the --from/--aks subnets and those of the registry's private endpoints), shows the " +
               "identity's roles there grant some of them not (a role's notActions remove actions from that role only).",
        solution:
        [
            "Ask an owner of the registry for a role that grants the missing actions, e.g. Contributor on the registry: az role assignment create --assignee <your-object-id> --role Contributor --scope <registry-id>",
            "For private endpoints, Network Contributor on the virtual network the endpoint goes into (its group, where the endpoint is created, works too): az role assignment create --assignee <your-object-id> --role \"Network Contributor\" --scope <vnet-id>",
            "See what you hold now at a scope: az role assignment list --assignee <your-object-id> --scope <registry-id or subnet-id> --include-inherited -o table",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-roles",
        symptoms: [Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.RegistryId is not { } registryId) return RuleResult.Needs("arm.registry");
        var registryPath = ArmPaths.CallerPermissions(registryId);
        var registryScope = evidence.Resource<CallerPermissionsView>(registryPath);
        var subnets = CallerPermissionScopes.Subnets(evidence);
        var read = CallerPermissionScopes.Read(subnets)
            .Select(id => (Id: id, Path: ArmPaths.CallerPermissions(id)))
            .Select(s => (s.Id, s.Path, Permissions: evidence.Resource<CallerPermissionsView>(s.Path)))
            .ToList();

        var gaps = new List<Gap>();
        if (registryScope is not null && Missing(registryScope, RegistryScopeActions) is { Count: > 0 } registryMissing)
            gaps.Add(new Gap(registryId, registryPath, $"its {registryScope.Entries.Count} role(s) at {evidence.RegistryName}'s scope", registryMissing));
        foreach (var (id, path, permissions) in read)
            if (permissions is not null && Missing(permissions, SubnetScopeActions) is { Count: > 0 } subnetMissing)
                gaps.Add(new Gap(id, path, $"its {permissions.Entries.Count} role(s) on subnet {Label(id)}", subnetMissing));

        var notRead = new List<string>();
        if (registryScope is null) notRead.Add($"the registry's scope was not checked ({evidence.MissingReason(registryPath, $"arm.resources[{registryPath}]")})");
        if (subnets.Count == 0)
            notRead.Add("the private-endpoint side was not checked: no private endpoint subnet and no --from/--aks subnet to read the permissions at");
        else
        {
            var unread = read.Where(s => s.Permissions is null).Select(s => $"{Label(s.Id)} ({evidence.MissingReason(s.Path, $"arm.resources[{s.Path}]")})").ToList();
            if (unread.Count > 0)
                notRead.Add((unread.Count == read.Count ? "the private-endpoint side was not checked: " : "not checked on subnet ") + string.Join(", ", unread));
            if (subnets.Count > read.Count)
                notRead.Add($"{subnets.Count - read.Count} more subnet(s) not checked (the permissions are read on at most {CallerPermissionScopes.MaxSubnets})");
        }
        var notChecked = notRead.Count == 0 ? "" : $" ({string.Join("; ", notRead)})";

        if (gaps.Count == 0)
            return registryScope is null
                ? RuleResult.Skip(evidence.MissingReason(registryPath, $"arm.resources[{registryPath}]"))
                : RuleResult.Pass($"the caller's roles grant every network-change action at the registry's scope" +
                                  (read.Any(s => s.Permissions is not null) ? " and on each subnet read" : "") + notChecked);
        return RuleResult.Fail(new Finding
        {
            Subject = registryId,
            Message = $"The signed-in identity cannot make every change to {evidence.RegistryName}'s network access: " +
                      string.Join("; ", gaps.Select(g => $"{g.Where} do not grant {FindingText.List(g.Missing.Select(m => m.Action))}, so it cannot {string.Join(", nor ", g.Missing.Select(m => m.Allows))}")) +
                      $". Reading the settings works; saving them fails with AuthorizationFailed{notChecked}.",
            Evidence = gaps.SelectMany(g => g.Missing.Select(m => new EvidenceRef(g.Path, "value[].actions", "not granted", m.Action))).ToList(),
            Fix = gaps.Select(g => Shell.Command($"az role assignment list --assignee <your-object-id> --scope {g.Scope} --include-inherited -o table")).ToList(),
        });
    }

    private static List<(string Action, string Allows)> Missing(CallerPermissionsView permissions, IEnumerable<(string Action, string Allows)> actions) =>
        actions.Where(a => !permissions.Allows(a.Action)).ToList();

    /// <summary>A subnet as people name it: <c>vnet/subnet</c>.</summary>
    private static string Label(string subnetId) =>
        new ResourceId(subnetId).Parent is { } vnet ? $"{new ResourceId(vnet).Name}/{new ResourceId(subnetId).Name}" : subnetId;

    /// <summary>The actions one scope's roles do not grant.</summary>
    private sealed record Gap(string Scope, string Path, string Where, IReadOnlyList<(string Action, string Allows)> Missing);
}
