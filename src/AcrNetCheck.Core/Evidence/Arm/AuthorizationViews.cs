using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>Microsoft.ContainerService/managedClusters: the identity its nodes pull images with.</summary>
internal sealed class ManagedClusterView(JObject document) : ArmView(document)
{
    /// <summary>The kubelet's managed identity's object (principal) id: what a role assignment names.</summary>
    public string? KubeletObjectId => Prop("identityProfile.kubeletidentity.objectId");

    public string? KubeletIdentityResourceId => Prop("identityProfile.kubeletidentity.resourceId");

    /// <summary>A cluster built on a service principal instead of managed identities (<c>clientId</c> is then not "msi").</summary>
    public string? ServicePrincipalClientId => Prop("servicePrincipalProfile.clientId") is { } id && !id.Equals("msi", StringComparison.OrdinalIgnoreCase) ? id : null;

    public string? ResourceGroup => new ResourceId(Id).ResourceGroup;
}

/// <summary>Microsoft.Authorization/roleAssignments (api-version 2022-04-01).</summary>
internal sealed class RoleAssignmentView(JObject document) : ArmView(document)
{
    public string? PrincipalId => Prop("principalId");
    public string? RoleDefinitionId => Prop("roleDefinitionId");
    public string? Scope => Prop("scope");
}

/// <summary>Microsoft.Authorization/roleDefinitions: whether the role allows an action, wildcards and exclusions applied.</summary>
internal sealed class RoleDefinitionView(JObject document) : ArmView(document)
{
    public string? RoleName => Prop("roleName");

    /// <summary>
    /// Whether a permission block allows <paramref name="action"/> as a control-plane action or a data action and does not
    /// exclude it (<c>notActions</c>/<c>notDataActions</c>); <c>*</c> matches any run of characters, case-insensitively, as in
    /// https://learn.microsoft.com/azure/role-based-access-control/role-definitions#actions-format.
    /// </summary>
    public bool Allows(string action) => PropArray("permissions").Any(p =>
        (Matches(p, "actions", action) && !Matches(p, "notActions", action)) ||
        (Matches(p, "dataActions", action) && !Matches(p, "notDataActions", action)));

    private static bool Matches(JObject permission, string key, string action) =>
        permission[key] is JArray patterns && patterns.Select(p => p.Type == JTokenType.String ? (string?)p : null).OfType<string>()
            .Any(pattern => Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
}
