using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The subnets a <c>--from</c>/<c>--aks</c> source stands for, read from ARM (the documents go into the bundle like any
/// other): a subnet is itself; a VNet, every subnet it embeds; an AKS cluster, each agent pool's <c>vnetSubnetID</c>, and
/// for pools without one (kubenet or a managed VNet) the subnets of the VNets in the cluster's node resource group.
/// Only records what ARM says; which of those subnets can reach the registry is the rules' business.
/// </summary>
internal sealed class SourceSubnetReads(ArmReads reads)
{
    /// <summary>What was assumed while resolving, for <c>vantage.notes</c>.</summary>
    /// <remarks>A queue: a milestone's snapshot may read the notes while the source is still being resolved.</remarks>
    public System.Collections.Concurrent.ConcurrentQueue<string> Notes { get; } = new();

    /// <summary>The client's NIC, for a VM (its primary NIC) or a NIC source: where Azure's effective routes and NSGs are read.</summary>
    public string? NetworkInterfaceId { get; private set; }

    public async Task<IReadOnlyList<string>> ResolveAsync(VantageSource source)
    {
        var id = source.Id ?? "";
        return source.Kind switch
        {
            VantageSourceKind.Vnet => await VnetSubnetsAsync(id, 1).ConfigureAwait(false),
            VantageSourceKind.Aks => await ClusterSubnetsAsync(id).ConfigureAwait(false),
            VantageSourceKind.Vm => await VirtualMachineSubnetsAsync(id).ConfigureAwait(false),
            VantageSourceKind.Nic => await NicSubnetsAsync(id, 1).ConfigureAwait(false),
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
        var primary = nics.FirstOrDefault(n => n.SelectToken("properties.primary")?.Type == JTokenType.Boolean && (bool)n.SelectToken("properties.primary")!) ?? nics.FirstOrDefault();
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

    private async Task<IReadOnlyList<string>> ClusterSubnetsAsync(string clusterId)
    {
        if (await reads.Get("managedCluster", clusterId, 1).ConfigureAwait(false) is not { } cluster) return [];
        var pools = (cluster.SelectToken("properties.agentPoolProfiles") as JArray ?? []).OfType<JObject>().ToList();
        var subnets = pools.Select(p => p.Value<string>("vnetSubnetID")).OfType<string>().Where(s => s.Length > 0).ToList();
        if (pools.Count > 0 && subnets.Count == pools.Count) return subnets.Distinct(ResourceId.Comparer).ToList();

        // A pool without vnetSubnetID runs in the VNet AKS made in the node resource group (kubenet, or Azure CNI on a managed VNet).
        if (cluster.SelectToken("properties.nodeResourceGroup")?.Value<string>() is { Length: > 0 } nodeGroup && new ResourceId(clusterId).SubscriptionId is { } subscription)
        {
            var vnets = await reads.List("virtualNetworks", $"/subscriptions/{subscription}/resourceGroups/{nodeGroup}/providers/Microsoft.Network/virtualNetworks", 2).ConfigureAwait(false);
            var managed = (vnets ?? []).SelectMany(v => new VirtualNetworkView(v).SubnetIds).ToList();
            Notes.Enqueue($"agent pools without vnetSubnetID use the AKS-managed VNet in node resource group {nodeGroup}: judged from {(managed.Count == 0 ? "no subnet (none listed there)" : "its subnets")}");
            subnets.AddRange(managed);
        }
        return subnets.Distinct(ResourceId.Comparer).ToList();
    }
}
