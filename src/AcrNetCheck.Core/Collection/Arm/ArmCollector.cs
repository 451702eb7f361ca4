using System.Diagnostics;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>What the ARM collector reads beyond the registry's own graph.</summary>
public sealed record ArmCollectorOptions
{
    /// <summary>The client's subnet (--from): read with its VNet, NSG, route table and provider registration, and recorded as the vantage.</summary>
    public string? VantageSubnetId { get; init; }
}

/// <summary>Counts of one ARM collection, for --verbose and the benchmark.</summary>
public sealed record ArmCollectionStats(int Reads, int Depth, TimeSpan Elapsed);

/// <summary>
/// Reads the registry and everything its network path depends on from ARM (see <see cref="ArmGraphWalk"/>) into the
/// bundle, as ARM returned it. Records what it could not read; never judges.
/// </summary>
public sealed class ArmCollector(IArmReader reader, ArmCollectorOptions? options = null) : IEvidenceCollector
{
    public string Name => "arm";

    /// <summary>Set after <see cref="CollectAsync"/>.</summary>
    public ArmCollectionStats? Stats { get; private set; }

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var registryId = context.Target.ResourceId
            ?? throw new InvalidOperationException("The registry's resource id must be resolved before the ARM collector runs.");
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var clock = Stopwatch.StartNew();

        var walk = new ArmGraphWalk(reads, reader, context, options ?? new ArmCollectorOptions());
        await walk.RunAsync(registryId).ConfigureAwait(false);

        reads.WriteTo(bundle, registryId, ApiVersions.Registry);
        bundle.ServiceTags = walk.SelectedServiceTags();
        if (options?.VantageSubnetId is { } subnet)
            bundle.Vantage ??= new VantageEvidence { Kind = VantageKind.Subnet, SubnetId = subnet, Notes = ["judged from ARM configuration (--from); no probe ran there"] };

        Stats = new ArmCollectionStats(reads.Reads, reads.Depth, clock.Elapsed);
        context.Log.Verbose($"arm: {Stats.Reads} reads in {Stats.Elapsed.TotalMilliseconds:0} ms, dependency depth {Stats.Depth}, {bundle.CollectionErrors.Count} failed");
    }
}
