using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The subnets a <c>--from</c>/<c>--aks</c> source stands for, read from ARM (the documents go into the bundle like any
/// other): a subnet is itself; a VNet, every subnet it embeds; an AKS cluster, each agent pool's <c>vnetSubnetID</c>, and
/// for pools without one (kubenet or a managed VNet) the subnets of the VNets in the cluster's node resource group; a VM or
/// NIC, the NIC's subnet; a scale set instance, its primary NIC's subnet. For an AKS cluster it also finds, beside the subnets,
/// each agent pool's scale set in the node resource group and one representative instance's NIC (<see cref="ScaleSetNetworkInterfaceIds"/>),
/// where Network Watcher's diagnostic later weighs the NSGs Azure applies.
/// Only records what ARM says; which of those subnets can reach the registry is the rules' business.
/// </summary>
internal sealed class SourceSubnetReads(ArmReads reads)
{
    /// <summary>What was assumed while resolving, for <c>vantage.notes</c>.</summary>
    /// <remarks>A queue: a milestone's snapshot may read the notes while the source is still being resolved.</remarks>
    public System.Collections.Concurrent.ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>The client's NIC, for a VM (its primary NIC) or a NIC source: where Azure's effective routes and NSGs are read.</summary>
    public string? NetworkInterfaceId { get; private set; }

    /// <summary>Scale-set instance NICs (a pool's representative instance, or the named instance): no effective state through ARM, Network Watcher's diagnostic instead.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ScaleSetNetworkInterfaceIds { get; } = new();

    /// <summary>Completes when the agent pools' scale sets and instance NICs are read (or could not be); started while resolving, not awaited by it.</summary>
    public Task ScaleSetsRead { get; private set; } = Task.CompletedTask;

    /// <summary>What the vantage notes say about routes from a scale-set instance.</summary>
    public const string ScaleSetRoutesNote = "effective routes are not available for scale-set instances through ARM (effectiveRouteTable exists only for standalone NICs): " +
                                             "the route hop from their subnets is predicted from configuration";

    public async Task<IReadOnlyList<string>> ResolveAsync(VantageSource source)
    {
        var id = source.Id ?? "";
        return source.Kind switch
        {
            VantageSourceKind.Vnet => await VnetSubnetsAsync(id, 1).ConfigureAwait(false),
            VantageSourceKind.Aks => await ClusterSubnetsAsync(id).ConfigureAwait(false),
            VantageSourceKind.Vm => await VirtualMachineSubnetsAsync(id).ConfigureAwait(false),
            VantageSourceKind.Nic => await NicSubnetsAsync(id, 1).ConfigureAwait(false),
            VantageSourceKind.VmssInstance => await ScaleSetInstanceSubnetsAsync(id).ConfigureAwait(false),
            _ => [id],
        };
    }

    private async Task<IReadOnlyList<string>> VnetSubnetsAsync(string vnetId, int depth) =>
        await reads.Get("virtualNetwork", vnetId, depth).ConfigureAwait(false) is { } vnet ? new VirtualNetworkView(vnet).SubnetIds : [];

    /// <summary>A VM stands for its primary NIC (<c>networkProfile.networkInterfaces[].properties.primary</c>, else the only or first one).</summary>
    private async Task<IReadOnlyList<string>> VirtualMachineSubnetsAsync(string vmId)
    {
        if (await reads.Get("virtualMachine", vmId, 1).ConfigureAwait(false) is not { } vm) return [];
        var nics = (vm.SelectToken("properties.networkProfile.networkInterfaces") as JArray ?? []).OfType<JObject>().ToList();
        var primary = PrimaryOf(nics);
        if (primary?.Value<string>("id") is not { Length: > 0 } nicId) return [];
        if (nics.Count > 1) Notes.Enqueue($"the VM has {nics.Count} NICs: judged from its primary NIC {new ResourceId(nicId).Name}");
        return await NicSubnetsAsync(nicId, 2).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> NicSubnetsAsync(string nicId, int depth)
    {
        NetworkInterfaceId = nicId;
        return await reads.Get("networkInterface", nicId, depth).ConfigureAwait(false) is { } nic
            ? new NetworkInterfaceView(nic).IpConfigurations.Select(c => c.SubnetId).OfType<string>().Distinct(ResourceId.Comparer).ToList()
            : [];
    }

    /// <summary>
    /// A scale set instance stands for its primary NIC, listed under the instance (NetworkInterfaces_ListVirtualMachineScaleSetVMNetworkInterfaces):
    /// a scale-set NIC has no effective route table or NSG action, so Network Watcher's diagnostic speaks for its NSGs.
    /// </summary>
    private async Task<IReadOnlyList<string>> ScaleSetInstanceSubnetsAsync(string instanceId)
    {
        // The scale set too, beside the NICs: its location is the instance's region when a NIC document lacks one.
        ScaleSetsRead = new ResourceId(instanceId).Parent is { } scaleSet ? reads.Get("virtualMachineScaleSet", scaleSet, 1) : Task.CompletedTask;
        var nics = await reads.List("scaleSetInstanceNetworkInterfaces", $"{instanceId}/networkInterfaces", 1).ConfigureAwait(false) ?? [];
        if (PrimaryOf(nics) is not { } nic || nic.Value<string>("id") is not { Length: > 0 } nicId) return [];
        if (nics.Count > 1) Notes.Enqueue($"the instance has {nics.Count} NICs: judged from its primary NIC {new ResourceId(nicId).Name}");
        ScaleSetNetworkInterfaceIds.Enqueue(nicId);
        Notes.Enqueue(ScaleSetRoutesNote);
        return new NetworkInterfaceView(nic).IpConfigurations.Select(c => c.SubnetId).OfType<string>().Distinct(ResourceId.Comparer).ToList();
    }

    /// <summary>The NIC marked primary (<c>properties.primary</c>), else the first.</summary>
    private static JObject? PrimaryOf(IReadOnlyList<JObject> nics) =>
        nics.FirstOrDefault(n => n.SelectToken("properties.primary") is { Type: JTokenType.Boolean } primary && (bool)primary) ?? nics.FirstOrDefault();

    private async Task<IReadOnlyList<string>> ClusterSubnetsAsync(string clusterId)
    {
        if (await reads.Get("managedCluster", clusterId, 1).ConfigureAwait(false) is not { } cluster) return [];
        var pools = (cluster.SelectToken("properties.agentPoolProfiles") as JArray ?? []).OfType<JObject>().ToList();
        // Where AKS keeps the nodes' scale sets (and, for pools without a subnet of their own, their VNet).
        var nodeGroup = cluster.SelectToken("properties.nodeResourceGroup")?.Value<string>() is { Length: > 0 } group ? group : null;
        var subscription = new ResourceId(clusterId).SubscriptionId;
        if (nodeGroup is not null && subscription is not null)
            ScaleSetsRead = PoolInstancesAsync(pools.Select(p => p.Value<string>("name")).OfType<string>().ToList(), subscription, nodeGroup);
        var subnets = pools.Select(p => p.Value<string>("vnetSubnetID")).OfType<string>().Where(s => s.Length > 0).ToList();
        if (pools.Count > 0 && subnets.Count == pools.Count) return subnets.Distinct(ResourceId.Comparer).ToList();

        // A pool without vnetSubnetID runs in the VNet AKS made in the node resource group (kubenet, or Azure CNI on a managed VNet).
        if (nodeGroup is not null && subscription is not null)
        {
            var vnets = await reads.List("virtualNetworks", $"/subscriptions/{subscription}/resourceGroups/{nodeGroup}/providers/Microsoft.Network/virtualNetworks", 2).ConfigureAwait(false);
            var managed = (vnets ?? []).SelectMany(v => new VirtualNetworkView(v).SubnetIds).ToList();
            Notes.Enqueue($"agent pools without vnetSubnetID use the AKS-managed VNet in node resource group {nodeGroup}: judged from {(managed.Count == 0 ? "no subnet (none listed there)" : "its subnets")}");
            subnets.AddRange(managed);
        }
        return subnets.Distinct(ResourceId.Comparer).ToList();
    }

    /// <summary>
    /// Each agent pool's scale set in the node resource group (tagged <c>aks-managed-poolName</c>, or named <c>aks-&lt;pool&gt;-…</c>) and
    /// one instance's NIC from the scale set's NIC list: one representative instance per pool, since every instance of a pool
    /// gets the same network profile. Pools of standalone VMs (no scale set) are said so in the notes.
    /// </summary>
    private async Task PoolInstancesAsync(IReadOnlyList<string> pools, string subscriptionId, string nodeResourceGroup)
    {
        if (pools.Count == 0) return;
        var scaleSets = await reads.List("virtualMachineScaleSets", $"/subscriptions/{subscriptionId}/resourceGroups/{nodeResourceGroup}/providers/Microsoft.Compute/virtualMachineScaleSets", 2).ConfigureAwait(false);
        if (scaleSets is null) return;
        var found = pools.Select(pool => (Pool: pool, ScaleSet: ScaleSetOf(scaleSets, pool))).ToList();
        foreach (var (pool, _) in found.Where(f => f.ScaleSet is null))
            Notes.Enqueue($"agent pool {pool}: no scale set of it in node resource group {nodeResourceGroup}, so Network Watcher's diagnostic has no instance to run for it");
        var nics = await Task.WhenAll(found.Where(f => f.ScaleSet is not null).Select(async f =>
        {
            // Only the first instance's NIC is kept (and recorded): a pool of hundreds of nodes would otherwise fill the bundle.
            var kept = 0;
            var listed = await reads.List("scaleSetNetworkInterfaces", $"{f.ScaleSet}/networkInterfaces", 3,
                nic => nic.Value<string>("id") is { Length: > 0 } && Interlocked.Increment(ref kept) == 1).ConfigureAwait(false) ?? [];
            return (f.Pool, ScaleSet: f.ScaleSet!, Nic: listed.Select(n => n.Value<string>("id")).OfType<string>().FirstOrDefault(id => id.Length > 0));
        })).ConfigureAwait(false);
        foreach (var (pool, scaleSet, nic) in nics)
        {
            if (nic is null)
            {
                Notes.Enqueue($"agent pool {pool}: scale set {new ResourceId(scaleSet).Name} lists no instance NIC, so Network Watcher's diagnostic has no instance to run for it");
                continue;
            }
            ScaleSetNetworkInterfaceIds.Enqueue(nic);
            Notes.Enqueue($"agent pool {pool}: its NSGs as Azure applies them are weighed on one representative instance, NIC {new ResourceId(nic).Name} of scale set " +
                          $"{new ResourceId(scaleSet).Name}; the pool's other instances share its network profile");
        }
        if (nics.Any(n => n.Nic is not null)) Notes.Enqueue(ScaleSetRoutesNote);
    }

    /// <summary>The pool's scale set: AKS tags it <c>aks-managed-poolName</c> and names it <c>aks-&lt;pool&gt;-&lt;hash&gt;-vmss</c>.</summary>
    private static string? ScaleSetOf(IReadOnlyList<JObject> scaleSets, string pool)
    {
        var tagged = scaleSets.FirstOrDefault(s => string.Equals((s["tags"] as JObject)?.Value<string>("aks-managed-poolName"), pool, StringComparison.OrdinalIgnoreCase));
        var named = scaleSets.FirstOrDefault(s => s.Value<string>("name")?.StartsWith($"aks-{pool}-", StringComparison.OrdinalIgnoreCase) == true);
        return (tagged ?? named)?.Value<string>("id");
    }
}
