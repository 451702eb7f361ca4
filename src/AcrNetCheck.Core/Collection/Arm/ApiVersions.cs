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
    /// The price: fields added later (e.g. <c>networkRuleBypassAllowedForTasks</c>) are absent; <see cref="RegistryCurrent"/> reads them.
    /// </summary>
    public const string Registry = "2021-08-01-preview";

    /// <summary>
    /// The registry's second read, for the fields <see cref="Registry"/> lacks: the newest stable api-version whose
    /// RegistryProperties has <c>networkRuleBypassAllowedForTasks</c> (Azure/azure-rest-api-specs,
    /// specification/containerregistry/resource-manager/Microsoft.ContainerRegistry/Registry/stable/2025-11-01/containerregistry.json;
    /// the stable 2025-04-01 before it does not define the field). It does not return virtualNetworkRules, so it never replaces the first read.
    /// </summary>
    public const string RegistryCurrent = "2025-11-01";

    private const string Network = "2024-05-01";
    private const string PrivateDns = "2024-06-01";
    private const string Authorization = "2022-04-01";
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
        // --from <vm | nic>: what Azure applies to the NIC, as long-running POST actions.
        ["Microsoft.Network/networkInterfaces/effectiveRouteTable"] = Network,
        ["Microsoft.Network/networkInterfaces/effectiveNetworkSecurityGroups"] = Network,
        // --from <vm | nic>: Network Watcher in the client's region and its checks (long-running POST actions).
        ["Microsoft.Network/networkWatchers"] = Network,
        ["Microsoft.Network/networkWatchers/ipFlowVerify"] = Network,
        ["Microsoft.Network/networkWatchers/nextHop"] = Network,
        ["Microsoft.Network/networkWatchers/connectivityCheck"] = Network,
        // --aks and --from <vmss instance>: Network Watcher's NSG diagnostic of a scale-set instance's NIC (long-running POST action).
        ["Microsoft.Network/networkWatchers/networkConfigurationDiagnostic"] = Network,
        // --remote-probe: Run Command on the VM, the cluster's runCommand (long-running POST actions).
        ["Microsoft.Compute/virtualMachines/runCommand"] = "2024-07-01",
        ["Microsoft.ContainerService/managedClusters/runCommand"] = "2024-09-01",
        // --from <vm>: its networkProfile.networkInterfaces.
        ["Microsoft.Compute/virtualMachines"] = "2024-07-01",
        // --aks: the agent pools' scale sets in the node resource group (VirtualMachineScaleSets_List, Compute 2024-07-01).
        ["Microsoft.Compute/virtualMachineScaleSets"] = "2024-07-01",
        // Scale-set instance NICs are Microsoft.Network's, at the api-version its VMSS NIC operations still take
        // (NetworkInterfaces_ListVirtualMachineScaleSetNetworkInterfaces / …VMNetworkInterfaces: 2018-10-01, also in network stable/2024-05-01).
        ["Microsoft.Compute/virtualMachineScaleSets/networkInterfaces"] = "2018-10-01",
        ["Microsoft.Compute/virtualMachineScaleSets/virtualMachines/networkInterfaces"] = "2018-10-01",
        ["Microsoft.Network/virtualNetworks"] = Network,
        ["Microsoft.Network/virtualNetworks/subnets"] = Network,
        ["Microsoft.Network/networkSecurityGroups"] = Network,
        ["Microsoft.Network/routeTables"] = Network,
        ["Microsoft.Network/locations/serviceTags"] = Network,
        ["Microsoft.Network/privateDnsZones"] = PrivateDns,
        ["Microsoft.Network/privateDnsZones/A"] = PrivateDns,
        ["Microsoft.Network/privateDnsZones/virtualNetworkLinks"] = PrivateDns,
        ["Microsoft.Resources/providers"] = "2022-09-01",
        // Permissions_ListForResource, the newest stable Microsoft.Authorization version (azure-rest-api-specs authorization stable/2022-04-01).
        ["Microsoft.Authorization/permissions"] = "2022-04-01",
        // --aks: the managed cluster's agentPoolProfiles[].vnetSubnetID and nodeResourceGroup (stable GA version).
        ["Microsoft.ContainerService/managedClusters"] = "2024-09-01",
        // --aks: who holds which role on the registry (az aks check-acr's question), read at the registry's scope.
        ["Microsoft.Authorization/roleAssignments"] = Authorization,
        ["Microsoft.Authorization/roleDefinitions"] = Authorization,
        // Read for properties.customerId, the id the Log Analytics query API takes.
        ["Microsoft.OperationalInsights/workspaces"] = "2023-09-01",
    };

    public static string For(string path) =>
        ByResourceType.TryGetValue(ArmResourceType.Of(path), out var version)
            ? version
            : throw new InvalidOperationException($"no api-version is pinned for {ArmResourceType.Of(path)} (add it to ApiVersions).");
}
