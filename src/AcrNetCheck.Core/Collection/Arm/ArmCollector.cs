using System.Diagnostics;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>What the ARM collector reads beyond the registry's own graph.</summary>
public sealed record ArmCollectorOptions
{
    /// <summary>
    /// Where the client is (--from a subnet or VNet, --aks a cluster): its subnets are read with their VNet, NSG, route table
    /// and provider registration, and recorded as the vantage.
    /// </summary>
    public VantageSource? Source { get; init; }

    /// <summary>Where the service-tag list is kept between runs; null downloads it every time.</summary>
    public ServiceTagCache? ServiceTagCache { get; init; }
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
        if (options?.Source is { } source) bundle.Vantage ??= Vantage(source, walk.SourceSubnetIds, walk.SourceNotes);

        Stats = new ArmCollectionStats(reads.Reads, reads.Depth, clock.Elapsed);
        context.Log.Verbose($"arm: {Stats.Reads} reads in {Stats.Elapsed.TotalMilliseconds:0} ms, dependency depth {Stats.Depth}, {bundle.CollectionErrors.Count} failed");
    }

    /// <summary>The vantage --from/--aks names: every subnet it stands for (the first also as <c>subnetId</c>).</summary>
    private static VantageEvidence Vantage(VantageSource source, IReadOnlyList<string> subnets, IReadOnlyList<string> notes) => new()
    {
        Kind = VantageKind.Subnet,
        SubnetId = subnets.FirstOrDefault(),
        SourceSubnetIds = source.Kind == VantageSourceKind.Subnet ? null : subnets.ToList(),
        Source = source,
        Notes = ["judged from ARM configuration (--from/--aks); no probe ran there", .. notes],
    };
}
