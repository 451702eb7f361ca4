namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>What a scan cost, for --debug and the benchmark: pages per query and fall-back batches per read.</summary>
internal sealed class FleetCollectionStats
{
    public Dictionary<string, int> PagesPerQuery { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> BatchesPerRead { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> PathsPerRead { get; } = new(StringComparer.Ordinal);

    public int ResourceGraphRequests { get; set; }

    /// <summary>Zone-group paths not read because a zone linked where the endpoint resolves answers anyway (<see cref="ZoneGroupNeed"/>).</summary>
    public int ZoneGroupsNotNeeded { get; set; }

    public int FallbackBatches => BatchesPerRead.Values.Sum();

    public override string ToString() =>
        $"{ResourceGraphRequests} Resource Graph request(s) ({string.Join(", ", PagesPerQuery.Select(kv => $"{kv.Key}: {kv.Value} page(s)"))}); " +
        $"{FallbackBatches} ARM batch(es) ({string.Join(", ", BatchesPerRead.Select(kv => $"{kv.Key}: {PathsPerRead[kv.Key]} path(s) in {kv.Value}"))}); " +
        $"{ZoneGroupsNotNeeded} zone-group read(s) not needed";
}
