using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>An <c>--aks</c> cluster with its kubelet identity, and the role assignments and definitions that apply at the registry.</summary>
public sealed partial class EvidenceBuilder
{
    public const string KubeletObjectId = "17609294-676d-43a7-b117-62431e95d9c0";
    public const string AcrPullRoleId = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
    public static readonly string ClusterId = $"/subscriptions/{Subscription}/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod";

    public static string RoleDefinitionId(string guid) => $"/subscriptions/{Subscription}/providers/Microsoft.Authorization/roleDefinitions/{guid}";

    /// <summary>The cluster as 2024-09-01 returns it (identityProfile.kubeletidentity as in recorded clusters), named by --aks.</summary>
    public EvidenceBuilder AksCluster(string? kubeletObjectId = KubeletObjectId, string? servicePrincipalClientId = null)
    {
        var properties = new JObject
        {
            ["nodeResourceGroup"] = "MC_rg-aks_aks-prod_eastus",
            ["agentPoolProfiles"] = new JArray(new JObject { ["name"] = "system", ["mode"] = "System", ["vnetSubnetID"] = SubnetId("vnet-aks", "aks-system") }),
            ["servicePrincipalProfile"] = new JObject { ["clientId"] = servicePrincipalClientId ?? "msi" },
        };
        if (kubeletObjectId is not null)
            properties["identityProfile"] = new JObject
            {
                ["kubeletidentity"] = new JObject
                {
                    ["clientId"] = "257127eb-da24-4079-96f4-f03d2a92ecf2", ["objectId"] = kubeletObjectId,
                    ["resourceId"] = $"/subscriptions/{Subscription}/resourcegroups/MC_rg-aks_aks-prod_eastus/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks-prod-agentpool",
                },
            };
        Resource(new JObject { ["id"] = ClusterId, ["name"] = "aks-prod", ["type"] = "Microsoft.ContainerService/ManagedClusters", ["location"] = "eastus", ["properties"] = properties });
        if (_bundle.Vantage?.Source is null)
            SourceSubnets(VantageSourceKind.Aks, ClusterId, SubnetId("vnet-aks", "aks-system"));
        return this;
    }

    /// <summary>The registry's role assignment list was read (possibly empty); each call adds one assignment, shaped as RoleAssignments_ListForScope.json.</summary>
    public EvidenceBuilder RoleAssignmentsRead() { ListFor(ArmPaths.RoleAssignments(RegistryId)); return this; }

    public EvidenceBuilder RoleAssignment(string principalId, string roleDefinitionId, string? scope = null)
    {
        var assignment = Reference.Items("Microsoft.Authorization/RoleAssignments_ListForScope.json")[0].DeepClone() as JObject ?? throw new InvalidOperationException();
        // The assignment's name is a GUID; derived from what it assigns, so a sample built twice is the same file.
        var name = new Guid(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{principalId}|{roleDefinitionId}|{scope ?? RegistryId}")));
        var id = $"{scope ?? RegistryId}/providers/Microsoft.Authorization/roleAssignments/{name}";
        assignment["id"] = id;
        assignment["name"] = new ResourceId(id).Name;
        assignment["properties"]!["principalId"] = principalId;
        assignment["properties"]!["principalType"] = "ServicePrincipal";
        assignment["properties"]!["roleDefinitionId"] = roleDefinitionId;
        assignment["properties"]!["scope"] = scope ?? RegistryId;
        Resource(assignment);
        ListFor(ArmPaths.RoleAssignments(RegistryId)).Add(id);
        return this;
    }

    /// <summary>A role definition shaped as RoleDefinitions_Get.json, with these permissions.</summary>
    public EvidenceBuilder RoleDefinition(string guid, string roleName, string[] actions, string[]? notActions = null, string[]? dataActions = null)
    {
        var definition = (JObject)Reference.Body("Microsoft.Authorization/RoleDefinitions_Get.json").DeepClone();
        definition["id"] = RoleDefinitionId(guid);
        definition["name"] = guid;
        definition["properties"]!["roleName"] = roleName;
        definition["properties"]!["type"] = "BuiltInRole";
        definition["properties"]!["permissions"] = new JArray(new JObject
        {
            ["actions"] = new JArray(actions), ["notActions"] = new JArray(notActions ?? []),
            ["dataActions"] = new JArray(dataActions ?? []), ["notDataActions"] = new JArray(),
        });
        return Resource(definition);
    }

    public EvidenceBuilder AcrPullDefinition() => RoleDefinition(AcrPullRoleId, "AcrPull", ["Microsoft.ContainerRegistry/registries/pull/read"]);
}
