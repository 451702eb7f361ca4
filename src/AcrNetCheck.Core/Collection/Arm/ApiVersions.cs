namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The one place that says which api-version each ARM resource type is read with. Pinning them means no provider look-up
/// round trip before a read and the same document shape on every run.
/// </summary>
internal static class ApiVersions
{
    /// <summary>
    /// The registry: <c>networkRuleSet.virtualNetworkRules</c> vanish from newer api-versions (the same registry read at
    /// 2023-11-01-preview lacks the key; test/fixtures/reference/README.md), so it is read with one that still returns them.
    /// The price: fields added later (e.g. <c>networkRuleBypassAllowedForTasks</c>) are absent.
    /// </summary>
    public const string Registry = "2021-08-01-preview";

    private const string Network = "2024-05-01";
    private const string PrivateDns = "2024-06-01";
    // Tasks and agent pools live in their own api-version line (ContainerRegistry "Run" specs).
    private const string ContainerRegistryTasks = "2019-06-01-preview";

    public static IReadOnlyDictionary<string, string> ByResourceType { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.ContainerRegistry/registries"] = Registry,
        ["Microsoft.ContainerRegistry/registries/replications"] = "2023-07-01",
        ["Microsoft.ContainerRegistry/registries/tasks"] = ContainerRegistryTasks,
        ["Microsoft.ContainerRegistry/registries/agentPools"] = ContainerRegistryTasks,
        // The newest diagnostic settings version; no stable one exists (reference DiagnosticSettings_List).
        ["Microsoft.Insights/diagnosticSettings"] = "2021-05-01-preview",
        ["Microsoft.Network/privateEndpoints"] = Network,
        ["Microsoft.Network/privateEndpoints/privateDnsZoneGroups"] = Network,
        ["Microsoft.Network/networkInterfaces"] = Network,
        ["Microsoft.Network/virtualNetworks"] = Network,
        ["Microsoft.Network/virtualNetworks/subnets"] = Network,
        ["Microsoft.Network/networkSecurityGroups"] = Network,
        ["Microsoft.Network/routeTables"] = Network,
        ["Microsoft.Network/locations/serviceTags"] = Network,
        ["Microsoft.Network/privateDnsZones"] = PrivateDns,
        ["Microsoft.Network/privateDnsZones/A"] = PrivateDns,
        ["Microsoft.Network/privateDnsZones/virtualNetworkLinks"] = PrivateDns,
        ["Microsoft.Resources/providers"] = "2022-09-01",
        // --aks: the managed cluster's agentPoolProfiles[].vnetSubnetID and nodeResourceGroup (stable GA version).
        ["Microsoft.ContainerService/managedClusters"] = "2024-09-01",
        // Read for properties.customerId, the id the Log Analytics query API takes.
        ["Microsoft.OperationalInsights/workspaces"] = "2023-09-01",
    };

    public static string For(string path) =>
        ByResourceType.TryGetValue(ArmResourceType.Of(path), out var version)
            ? version
            : throw new InvalidOperationException($"no api-version is pinned for {ArmResourceType.Of(path)} (add it to ApiVersions).");
}
