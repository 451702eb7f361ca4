using AcrNetCheck.Core.Collection.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// The fleet scan's fall-back reads as plain ARM GETs through the signed-in <see cref="IArmReader"/> (so they share its
/// token, retries, logging and pinned api-versions): each distinct path once, at most <see cref="MaxConcurrency"/> at a
/// time. <see cref="ArmBatchEndpointReader"/> sends the reads as ARM batches and falls back to this reader for what a
/// batch did not answer; the reads still come in the collector's bounded batches.
/// </summary>
internal sealed class ConcurrentArmBatchReader(IArmReader reader, int maxConcurrency = ConcurrentArmBatchReader.DefaultConcurrency) : IArmBatchReader
{
    /// <summary>ARM allows on the order of a few hundred reads per minute per principal; eight at a time stays well within it.</summary>
    public const int DefaultConcurrency = 8;

    public int MaxConcurrency { get; } = Math.Max(1, maxConcurrency);

    /// <remarks>
    /// <paramref name="apiVersion"/> is not sent: the reader pins each resource type's api-version in <see cref="ApiVersions"/>,
    /// so a fall-back document has the shape <c>collect</c> reads.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, ArmRead>> GetManyAsync(IReadOnlyList<string> paths, string apiVersion, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, ArmRead>(StringComparer.OrdinalIgnoreCase);
        var distinct = paths.Distinct(StringComparer.OrdinalIgnoreCase);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(distinct, parallel, async (path, token) => results[path] = await ReadAsync(path, token).ConfigureAwait(false))
            .ConfigureAwait(false);
        return results;
    }

    private async Task<ArmRead> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            if (!ArmResourceType.IsCollection(path)) return new ArmRead(await reader.GetAsync(path, cancellationToken).ConfigureAwait(false));
            var members = await reader.ListAsync(path, cancellationToken).ConfigureAwait(false);
            return new ArmRead(new JObject { ["value"] = new JArray(members) });
        }
        catch (ArmReadException ex)
        {
            return ArmRead.Failed(ex.Status, ex.ErrorCode, ex.Message);
        }
    }
}
