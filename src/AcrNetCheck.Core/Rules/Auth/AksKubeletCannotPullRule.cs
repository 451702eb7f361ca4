using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Auth;

/// <summary>
/// <c>az aks check-acr</c>'s identity question answered from ARM: does the kubelet identity of the <c>--aks</c> cluster hold a
/// role on the registry that allows a pull? Judged from the role assignments that apply at the registry and the definitions
/// of the kubelet's roles.
/// </summary>
internal sealed class AksKubeletCannotPullRule : Rule
{
    public new const string Id = "auth.aks-kubelet-cannot-pull";

    /// <summary>The action a role must allow for a pull (the AcrPull role's one action).</summary>
    public const string PullAction = "Microsoft.ContainerRegistry/registries/pull/read";

    /// <summary>AcrPull's built-in id, the same in every tenant: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers#acrpull</summary>
    public const string AcrPullRoleId = "7f951dda-4ed3-4680-a7ca-43fe172d538d";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Auth,
        severity: Severity.Error,
        title: "The AKS cluster's kubelet identity has no role that pulls from the registry",
        cause: "The nodes of an AKS cluster pull images as the cluster's kubelet identity. No role assignment that applies at the registry " +
               "(on it, its resource group, subscription or management group) gives that identity AcrPull or another role allowing " +
               PullAction + ", so every pull fails with 401 unauthorized even where the network path is open.",
        solution:
        [
            "Attach the registry to the cluster (grants the kubelet identity AcrPull on it): az aks update --resource-group <resource-group> --name <cluster> --attach-acr <registry-id>",
            "Or grant the role yourself: az role assignment create --assignee <kubelet-object-id> --role AcrPull --scope <registry-id>",
            "Validate from the cluster: az aks check-acr --resource-group <resource-group> --name <cluster> --acr <registry>.azurecr.io",
        ],
        docLink: "https://learn.microsoft.com/azure/aks/cluster-container-registry-integration",
        symptoms: ["Failed to pull image: rpc error: code = Unknown desc = failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized",
                   "ErrImagePull", "ImagePullBackOff"]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Vantage?.Source is not { Kind: VantageSourceKind.Aks, Id: { } clusterId })
            return RuleResult.NotApplicable("no AKS cluster named (--aks)");
        if (evidence.Resource<ManagedClusterView>(clusterId) is not { } cluster)
            return RuleResult.Skip(evidence.MissingReason(clusterId, $"arm.resources[{clusterId}]"));
        if (cluster.KubeletObjectId is not { } kubelet)
            return cluster.ServicePrincipalClientId is { } client
                ? RuleResult.Needs($"the object id of service principal {client}, which the cluster signs in with (ARM does not give it; az aks check-acr checks it)")
                : RuleResult.Needs($"arm.resources[{clusterId}].{ArmView.PathOf("identityProfile.kubeletidentity.objectId")}");
        if (evidence.RegistryId is not { } registryId) return RuleResult.Skip(evidence.MissingReason(null, "arm.registry"));
        var listPath = ArmPaths.RoleAssignments(registryId);
        if (evidence.List(listPath) is not { } assignmentIds) return RuleResult.Skip(evidence.MissingReason(listPath, $"arm.lists[{listPath}]"));

        var roles = assignmentIds.Select(evidence.Resource<RoleAssignmentView>).OfType<RoleAssignmentView>()
            .Where(a => string.Equals(a.PrincipalId, kubelet, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.RoleDefinitionId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unread = new List<string>();
        foreach (var role in roles)
        {
            // The definition decides (a redacted bundle renames AcrPull's id); AcrPull's well-known id stands in when it was not read.
            if (evidence.Resource<RoleDefinitionView>(role) is { } definition)
            {
                if (definition.Allows(PullAction)) return RuleResult.Pass($"the kubelet identity holds {definition.RoleName ?? role}, which allows {PullAction}");
            }
            else if (new ResourceId(role).Name.Equals(AcrPullRoleId, StringComparison.OrdinalIgnoreCase)) return RuleResult.Pass("the kubelet identity holds AcrPull");
            else unread.Add(role);
        }
        if (unread.Count > 0) return RuleResult.Skip(evidence.MissingReason(unread[0], $"arm.resources[{unread[0]}]"));

        var group = cluster.ResourceGroup ?? "<resource-group>";
        return RuleResult.Fail(new Finding
        {
            Subject = clusterId,
            Message = $"The kubelet identity of AKS cluster {cluster.Name} (object id {kubelet}) holds " +
                      (roles.Count == 0 ? "no role" : $"{roles.Count} role(s), none allowing {PullAction},") +
                      $" on registry {evidence.RegistryName}: its nodes cannot pull from it (401 unauthorized). " +
                      "A role held through group membership does not show in ARM's list; az aks check-acr confirms from the cluster.",
            Evidence =
            [
                new EvidenceRef(clusterId, ArmView.PathOf("identityProfile.kubeletidentity.objectId"), kubelet),
                new EvidenceRef(listPath, "value[?principalId == kubelet].roleDefinitionId", roles.Count == 0 ? "none" : FindingText.List(roles), $"a role allowing {PullAction} (AcrPull)"),
            ],
            Fix =
            [
                Shell.Command($"az aks update --resource-group {group} --name {cluster.Name} --attach-acr {registryId}"),
                Shell.Command($"az aks check-acr --resource-group {group} --name {cluster.Name} --acr {evidence.LoginServer ?? "<registry>.azurecr.io"}"),
            ],
        });
    }
}
