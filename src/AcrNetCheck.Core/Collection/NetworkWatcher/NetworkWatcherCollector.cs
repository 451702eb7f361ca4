using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.NetworkWatcher;

/// <summary>
/// Network Watcher's own verdicts from the client VM of <c>--from &lt;vm | nic&gt;</c>, where the region has a watcher: for TCP 443
/// to each registry address, <c>ipFlowVerify</c> (allow or deny, and the NSG rule) and <c>nextHop</c>; to the login server and each
/// data endpoint, <c>connectivityCheck</c> (hop by hop, through the Network Watcher agent on the VM). Each is a long-running POST
/// within the run's timeout, all side by side; the results go into the bundle under <see cref="NetworkWatcherChecks.Key"/>.
/// It starts once the ARM collection is complete: the private endpoint addresses come from it. Never judges.
/// </summary>
internal sealed class NetworkWatcherCollector(IArmReader reader) : IArmDependentCollector
{
    public string Name => "networkWatcher";

    public ArmMilestone Needs => ArmMilestone.Collected;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var evidence = new EvidenceView(bundle);
        if (NetworkWatcherChecks.ClientOf(evidence) is not { } client) return;
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var watchers = await reads.List("networkWatchers", NetworkWatcherChecks.WatchersList(client.SubscriptionId), 1).ConfigureAwait(false);
        if (NetworkWatcherChecks.InRegion(watchers ?? [], client.Region) is not { } watcher)
        {
            context.Log.Verbose($"networkWatcher: no Network Watcher in {client.Region}; its checks are skipped");
            Write(reads, bundle);
            return;
        }

        var checks = new List<Task>();
        foreach (var (address, _) in NetworkWatcherChecks.Addresses(evidence))
        {
            checks.Add(reads.Post(NetworkWatcherChecks.IpFlowVerify, $"{watcher}/{NetworkWatcherChecks.IpFlowVerify}", 2, new JObject
            {
                ["targetResourceId"] = client.VmId, ["targetNicResourceId"] = client.NicId, ["direction"] = "Outbound", ["protocol"] = "TCP",
                ["localIPAddress"] = client.Address, ["localPort"] = "*", ["remoteIPAddress"] = address, ["remotePort"] = "443",
            }, NetworkWatcherChecks.Key(watcher, NetworkWatcherChecks.IpFlowVerify, address)));
            checks.Add(reads.Post(NetworkWatcherChecks.NextHop, $"{watcher}/{NetworkWatcherChecks.NextHop}", 2, new JObject
            {
                ["targetResourceId"] = client.VmId, ["targetNicResourceId"] = client.NicId, ["sourceIPAddress"] = client.Address, ["destinationIPAddress"] = address,
            }, NetworkWatcherChecks.Key(watcher, NetworkWatcherChecks.NextHop, address)));
        }
        foreach (var host in NetworkWatcherChecks.Hosts(evidence))
            checks.Add(reads.Post(NetworkWatcherChecks.ConnectivityCheck, $"{watcher}/{NetworkWatcherChecks.ConnectivityCheck}", 2, new JObject
            {
                ["source"] = new JObject { ["resourceId"] = client.VmId },
                ["destination"] = new JObject { ["address"] = host, ["port"] = 443 },
                ["protocol"] = "Tcp", ["preferredIPVersion"] = "IPv4",
            }, NetworkWatcherChecks.Key(watcher, NetworkWatcherChecks.ConnectivityCheck, host)));
        await Task.WhenAll(checks).ConfigureAwait(false);
        Write(reads, bundle);
    }

    /// <summary>What was read into the bundle the collector was given (beside ARM's documents, which stay as they are).</summary>
    private static void Write(ArmReads reads, EvidenceBundle bundle)
    {
        var scratch = new EvidenceBundle();
        reads.WriteTo(scratch, registryId: "", apiVersion: ApiVersions.Registry);
        var arm = bundle.Arm ??= new ArmEvidence();
        foreach (var (id, document) in scratch.Arm!.Resources) arm.Resources.TryAdd(id, document);
        foreach (var (path, ids) in scratch.Arm.Lists) arm.Lists.TryAdd(path, ids);
        bundle.CollectionErrors.AddRange(scratch.CollectionErrors);
    }
}
