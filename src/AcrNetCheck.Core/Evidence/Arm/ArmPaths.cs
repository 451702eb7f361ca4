namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>
/// Keys of <see cref="ArmEvidence.Lists"/>: the ARM collection path each list came from. Collectors write these,
/// rules read them, so both sides name a list the same way.
/// </summary>
internal static class ArmPaths
{
    public static string Replications(string registryId) => $"{registryId}/replications";
    public static string Tasks(string registryId) => $"{registryId}/tasks";
    public static string AgentPools(string registryId) => $"{registryId}/agentPools";
    public static string DiagnosticSettings(string resourceId) => $"{resourceId}/providers/Microsoft.Insights/diagnosticSettings";
    public static string PrivateDnsZoneGroups(string privateEndpointId) => $"{privateEndpointId}/privateDnsZoneGroups";
    public static string ARecordSets(string zoneId) => $"{zoneId}/A";
    public static string VirtualNetworkLinks(string zoneId) => $"{zoneId}/virtualNetworkLinks";
    /// <summary>The private DNS zones of a subscription whose names end in <c>privatelink.azurecr.io</c> (or the cloud's suffix).</summary>
    public static string PrivateDnsZones(string subscriptionId) => $"/subscriptions/{subscriptionId}/providers/Microsoft.Network/privateDnsZones";
    /// <summary>
    /// The role assignments that apply at a scope: listed without a filter at a leaf resource such as a registry, ARM returns
    /// those at the resource and above it (resource group, subscription, management groups), for every principal.
    /// </summary>
    public static string RoleAssignments(string scope) => $"{scope}/providers/Microsoft.Authorization/roleAssignments";
    /// <summary>The routes Azure applies to a NIC (POST, long-running): every route source merged, with each route's state.</summary>
    public static string EffectiveRouteTable(string nicId) => $"{nicId}/effectiveRouteTable";
    /// <summary>The security rules Azure applies to a NIC (POST, long-running): one group per NSG association, defaults included.</summary>
    public static string EffectiveNetworkSecurityGroups(string nicId) => $"{nicId}/effectiveNetworkSecurityGroups";
    /// <summary>What the signed-in caller may do at <paramref name="scope"/> (ARM's permissions API), stored as answered.</summary>
    public static string CallerPermissions(string scope) => $"{scope}/providers/Microsoft.Authorization/permissions";
    /// <summary>The id ARM gives a provider's registration in a subscription.</summary>
    public static string Provider(string subscriptionId, string providerNamespace = "Microsoft.ContainerRegistry") => $"/subscriptions/{subscriptionId}/providers/{providerNamespace}";
}
