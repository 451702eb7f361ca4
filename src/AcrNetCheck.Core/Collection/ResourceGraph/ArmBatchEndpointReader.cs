using AcrNetCheck.Core.Collection.Arm;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// The fleet scan's fall-back reads through ARM's batch endpoint, the one the Azure portal sends its reads through:
/// <c>POST {arm}/batch?api-version=2020-06-01</c> with <c>{"requests": [{"httpMethod": "GET", "name", "url"}]}</c>,
/// answered <c>{"responses": [{"name", "httpStatusCode", "headers", "content"}]}</c>, at most
/// <see cref="RequestsPerBatch"/> requests each. 10,000 diagnostic-settings reads are 500 requests instead of 10,000.
/// The endpoint is not part of ARM's published REST reference, so nothing depends on it alone: a batch that fails
/// (transport error, non-200, an unreadable body, an answer missing) and a sub-request ARM throttled or could not serve
/// (429, 5xx) or a list with a next page are read again one by one through <paramref name="singleReads"/>.
/// </summary>
/// <param name="pipeline">The signed-in ARM pipeline (token, retries, logging).</param>
/// <param name="singleReads">Plain GETs for what a batch did not answer.</param>
internal sealed class ArmBatchEndpointReader(HttpPipeline pipeline, Uri armEndpoint, IArmBatchReader singleReads, ICollectionLog? log = null) : IArmBatchReader
{
    public const string ApiVersion = "2020-06-01";

    /// <summary>ARM's limit on requests in one batch (the portal sends at most 20).</summary>
    public const int RequestsPerBatch = 20;

    /// <summary>Batches in flight at once: 80 reads, within ARM's per-principal read rate for a burst.</summary>
    public const int BatchesInFlight = 4;

    private readonly ICollectionLog _log = log ?? NullCollectionLog.Instance;
    private int _batchesSent;

    /// <summary>The batch endpoint over <paramref name="reader"/>'s pipeline, falling back to its GETs.</summary>
    public static ArmBatchEndpointReader For(ArmReader reader, ICollectionLog? log = null) =>
        new(reader.Pipeline, reader.Endpoint, new ConcurrentArmBatchReader(reader), log);

    /// <summary>Batch requests sent (retries inside the pipeline not counted).</summary>
    public int BatchesSent => Volatile.Read(ref _batchesSent);

    /// <remarks>
    /// <paramref name="apiVersion"/> is used only for a type <see cref="ApiVersions"/> does not pin: the pinned version gives
    /// the document the shape <c>collect</c> reads, as the single GETs do.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, ArmRead>> GetManyAsync(IReadOnlyList<string> paths, string apiVersion, CancellationToken cancellationToken)
    {
        var results = new System.Collections.Concurrent.ConcurrentDictionary<string, ArmRead>(StringComparer.OrdinalIgnoreCase);
        var retry = new System.Collections.Concurrent.ConcurrentBag<string>();
        var batches = paths.Distinct(StringComparer.OrdinalIgnoreCase).Chunk(RequestsPerBatch);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = BatchesInFlight, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallel, async (batch, token) =>
        {
            foreach (var (path, read) in await SendBatchAsync(batch, apiVersion, token).ConfigureAwait(false))
            {
                if (read is null) retry.Add(path);
                else results[path] = read;
            }
        }).ConfigureAwait(false);

        if (!retry.IsEmpty)
        {
            _log.Debug($"ARM batch: {retry.Count} path(s) read again one by one");
            foreach (var (path, read) in await singleReads.GetManyAsync([.. retry], apiVersion, cancellationToken).ConfigureAwait(false))
                results[path] = read;
        }
        return results;
    }

    /// <summary>Each path with its result, or null for a path to read again alone.</summary>
    private async Task<IEnumerable<(string Path, ArmRead? Read)>> SendBatchAsync(string[] paths, string apiVersion, CancellationToken cancellationToken)
    {
        var names = paths.Select((path, i) => (Name: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Path: path)).ToList();
        var body = new JObject
        {
            ["requests"] = new JArray(names.Select(n => new JObject { ["httpMethod"] = "GET", ["name"] = n.Name, ["url"] = Url(n.Path, apiVersion) })),
        };
        JArray responses;
        try
        {
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(new Uri(armEndpoint, "batch"));
            message.Request.Uri.AppendQuery("api-version", ApiVersion);
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToString(Formatting.None)));
            Interlocked.Increment(ref _batchesSent);
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            // 202 means ARM is still working on it (a Location to poll): the single GETs are quicker than polling.
            if (message.Response.Status != 200) throw new RequestFailedException(message.Response);
            using var reader = new JsonTextReader(new StreamReader(message.Response.ContentStream!)) { DateParseHandling = DateParseHandling.None };
            responses = JObject.Load(reader)["responses"] as JArray ?? throw new JsonException("no responses array");
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException or InvalidCastException)
        {
            _log.Debug($"ARM batch of {paths.Length} failed ({ex.Message.Split('\n')[0]}); reading them one by one");
            return paths.Select(path => (path, (ArmRead?)null));
        }

        var byName = responses.OfType<JObject>().Where(r => r.Value<string>("name") is not null)
            .GroupBy(r => r.Value<string>("name")!).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return names.Select(n => (n.Path, byName.TryGetValue(n.Name, out var answer) ? Read(answer) : null));
    }

    private string Url(string path, string apiVersion)
    {
        var version = ApiVersions.ByResourceType.TryGetValue(ArmResourceType.Of(path), out var pinned) ? pinned : apiVersion;
        return new Uri(armEndpoint, path.TrimStart('/')) + "?api-version=" + version;
    }

    /// <summary>One sub-response as the single GET would have given it; null when it should be read again alone.</summary>
    private static ArmRead? Read(JObject answer)
    {
        var status = answer.Value<int?>("httpStatusCode");
        var content = answer["content"] as JObject;
        if (status is null or 429 or >= 500) return null;
        if (status is >= 200 and < 300)
            return content is null || content["nextLink"] is { Type: JTokenType.String } ? null : new ArmRead(content);
        return ArmRead.Failed(status, content?.SelectToken("error.code")?.ToString(), content?.SelectToken("error.message")?.ToString() ?? $"HTTP {status}");
    }
}
