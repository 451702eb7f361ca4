using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.NetworkWatcher;

/// <summary>
/// Network Watcher's own verdicts from the client VM of <c>--from &lt;vm | nic&gt;</c>, where the region has a watcher: for TCP 443
/// to each registry address, <c>ipFlowVerify</c> (allow or deny, and the NSG rule) and <c>nextHop</c>; to the login server and each
/// data endpoint, <c>connectivityCheck</c> (hop by hop, through the Network Watcher agent on the VM). From scale-set instances
/// (<c>--aks</c> node pools, <c>--from &lt;vmss instance&gt;</c>), <c>networkConfigurationDiagnostic</c> instead. Each is a long-running POST
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
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        if (NetworkWatcherChecks.ClientOf(evidence) is { } client) await VmChecksAsync(context, evidence, reads, client).ConfigureAwait(false);
        else if (NetworkWatcherChecks.ScaleSetNics(evidence) is { Count: > 0 } nics) await ScaleSetDiagnosticsAsync(context, evidence, reads, nics).ConfigureAwait(false);
        else return;
        Write(reads, bundle);
    }

    /// <summary>
    /// For each scale-set instance NIC (--aks: one per agent pool; --from &lt;vmss instance&gt;), where its region has a watcher:
    /// <c>networkConfigurationDiagnostic</c> of outbound TCP 443 from the NIC's address to each registry address, the one Network
    /// Watcher operation that weighs the NSGs Azure applies to a scale-set NIC (ARM has no effective-NSG action for it).
    /// </summary>
    private static async Task ScaleSetDiagnosticsAsync(CollectionContext context, EvidenceView evidence, ArmReads reads, IReadOnlyList<NetworkWatcherChecks.ScaleSetNic> nics)
    {
        var addresses = NetworkWatcherChecks.Addresses(evidence);
        var diagnostics = new List<Task>();
        foreach (var nic in nics)
        {
            if (nic.Region is not { } region)
            {
                context.Log.Verbose($"networkWatcher: scale-set NIC {nic.Name} was not read or has no region; its NSG diagnostic is skipped");
                continue;
            }
            var watchers = await reads.List("networkWatchers", NetworkWatcherChecks.WatchersList(nic.SubscriptionId), 1).ConfigureAwait(false);
            if (NetworkWatcherChecks.InRegion(watchers ?? [], region) is not { } watcher)
            {
                context.Log.Verbose($"networkWatcher: no Network Watcher in {region}; the NSG diagnostic of scale-set NIC {nic.Name} is skipped");
                continue;
            }
            foreach (var (address, _) in addresses)
                diagnostics.Add(reads.Post(NetworkWatcherChecks.NetworkConfigurationDiagnostic, $"{watcher}/{NetworkWatcherChecks.NetworkConfigurationDiagnostic}", 2,
                    NetworkWatcherChecks.DiagnosticRequest(nic, address), NetworkWatcherChecks.DiagnosticKey(watcher, nic.NicId, address)));
        }
        await Task.WhenAll(diagnostics).ConfigureAwait(false);
    }

    private static async Task VmChecksAsync(CollectionContext context, EvidenceView evidence, ArmReads reads, NetworkWatcherChecks.Client client)
    {
        var watchers = await reads.List("networkWatchers", NetworkWatcherChecks.WatchersList(client.SubscriptionId), 1).ConfigureAwait(false);
        if (NetworkWatcherChecks.InRegion(watchers ?? [], client.Region) is not { } watcher)
        {
            context.Log.Verbose($"networkWatcher: no Network Watcher in {client.Region}; its checks are skipped");
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
