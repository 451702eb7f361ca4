using System.Diagnostics;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>What the ARM collector reads beyond the registry's own graph.</summary>
internal sealed record ArmCollectorOptions
{
    /// <summary>
    /// Where the client is (--from a subnet or VNet, --aks a cluster): its subnets are read with their VNet, NSG, route table
    /// and provider registration, and recorded as the vantage.
    /// </summary>
    public VantageSource? Source { get; init; }

    /// <summary>Where the service-tag list is kept between runs; null downloads it every time.</summary>
    public ServiceTagCache? ServiceTagCache { get; init; }

    /// <summary>
    /// The registry's region when finding it told it (a lookup by name): the service tag list, which needs only the region,
    /// is then read alongside the registry instead of after it.
    /// </summary>
    public string? RegistryLocation { get; init; }
}

/// <summary>Counts of one ARM collection, for --verbose and the benchmark.</summary>
internal sealed record ArmCollectionStats(int Reads, int Depth, TimeSpan Elapsed);

/// <summary>
/// Reads the registry and everything its network path depends on from ARM (see <see cref="ArmGraphWalk"/>) into the
/// bundle, as ARM returned it. Records what it could not read; never judges.
/// </summary>
internal sealed class ArmCollector(IArmReader reader, ArmCollectorOptions? options = null) : IEvidenceCollector
{
    public string Name => "arm";

    /// <summary>Set after <see cref="CollectAsync"/>.</summary>
    public ArmCollectionStats? Stats { get; private set; }

    /// <summary>How far the collection got, for the collectors that start from part of it (<see cref="IArmDependentCollector"/>).</summary>
    public ArmMilestones Milestones { get; } = new();

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var registryId = context.Target.ResourceId
            ?? throw new InvalidOperationException("The registry's resource id must be resolved before the ARM collector runs.");
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var clock = Stopwatch.StartNew();
        var walk = new ArmGraphWalk(reads, reader, context, options ?? new ArmCollectorOptions());
        EvidenceBundle Snapshot()
        {
            var snapshot = new EvidenceBundle { Tool = bundle.Tool, CollectedAt = bundle.CollectedAt, Target = bundle.Target };
            reads.WriteTo(snapshot, registryId, ApiVersions.Registry);
            // Those who start from the whole collection (Network Watcher's checks) need the registry's public prefixes too.
            snapshot.ServiceTags = walk.SelectedServiceTags();
            if (options?.Source is { } source) snapshot.Vantage = Vantage(source, walk);
            return snapshot;
        }

        Milestones.Reach(ArmMilestone.Started, Snapshot);
        try
        {
            var running = walk.RunAsync(registryId);
            _ = PublishWhenAsync(walk.RegistryDocumentRead, ArmMilestone.RegistryDocumentRead, Snapshot);
            _ = PublishWhenAsync(walk.RegistryRead, ArmMilestone.RegistryRead, Snapshot);
            _ = PublishWhenAsync(walk.DiagnosticSettingsRead, ArmMilestone.DiagnosticSettingsRead, Snapshot);
            _ = PublishWhenAsync(walk.PrivateEndpointsRead, ArmMilestone.PrivateEndpointsRead, Snapshot);
            await running.ConfigureAwait(false);
        }
        finally
        {
            Milestones.ReachAll(Snapshot);
        }

        reads.WriteTo(bundle, registryId, ApiVersions.Registry);
        bundle.ServiceTags = walk.SelectedServiceTags();
        if (options?.Source is { } source) bundle.Vantage ??= Vantage(source, walk);

        Stats = new ArmCollectionStats(reads.Reads, reads.Depth, clock.Elapsed);
        context.Log.Verbose($"arm: {Stats.Reads} reads in {Stats.Elapsed.TotalMilliseconds:0} ms, dependency depth {Stats.Depth}, {bundle.CollectionErrors.Count} failed");
    }

    private async Task PublishWhenAsync(Task reached, ArmMilestone milestone, Func<EvidenceBundle> snapshot)
    {
        // A read that failed is recorded as an error and is still "reached": the dependent judges from what is there.
        try { await reached.ConfigureAwait(false); } catch (Exception) { }
        Milestones.Reach(milestone, snapshot);
    }

    /// <summary>The vantage --from/--aks names: every subnet it stands for (the first also as <c>subnetId</c>).</summary>
    private static VantageEvidence Vantage(VantageSource source, ArmGraphWalk walk) => new()
    {
        Kind = VantageKind.Subnet,
        SubnetId = walk.SourceSubnetIds.FirstOrDefault(),
        SourceSubnetIds = source.Kind is VantageSourceKind.Vnet or VantageSourceKind.Aks ? walk.SourceSubnetIds.ToList() : null,
        NetworkInterfaceId = walk.SourceNetworkInterfaceId,
        ScaleSetNetworkInterfaceIds = walk.SourceScaleSetNetworkInterfaceIds is { Count: > 0 } scaleSetNics ? scaleSetNics.ToList() : null,
        Source = source,
        Notes = [ConfigurationOnlyNote, .. walk.SourceNotes],
    };

    /// <summary>The vantage note of a --from/--aks run; a probe run there (--remote-probe) replaces it.</summary>
    public const string ConfigurationOnlyNote = "judged from ARM configuration (--from/--aks); no probe ran there";
}
