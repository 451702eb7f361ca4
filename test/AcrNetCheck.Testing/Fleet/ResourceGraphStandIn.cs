using System.Globalization;
using System.Text;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence.Arm;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Testing.Fleet;

/// <summary>
/// Plays Azure Resource Graph (and ARM's batch endpoint for the fall-back reads) over a generated fleet, in the real
/// response shapes: it recognises each fleet query by its text, scopes rows to the requested subscriptions, pages them
/// with <c>$skipToken</c>, reports the per-user quota in <c>x-ms-user-quota-*</c> headers (and answers 429 when a caller
/// ignores them), and can refuse a subscription, throttle once, fail a page, or answer after a fixed latency.
/// </summary>
public sealed class ResourceGraphStandIn(GeneratedFleet fleet)
{
    private readonly object _gate = new();
    private DateTimeOffset _windowStart = DateTimeOffset.MinValue;
    private int _usedInWindow;
    private int _graphRequests, _batchRequests, _quotaRejections;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _armGets = new();
    private bool _throttled;
    private int _batchItemsSeen;

    /// <summary>ARM refuses a batch of more requests than this (the portal sends at most 20).</summary>
    public const int MaxBatchRequests = 20;

    /// <summary>Added before every answer, as a stand-in for the network and service time.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Queries per quota window (the service's default is 15 per 5 seconds).</summary>
    public int QuotaPerWindow { get; init; } = 1000;

    public TimeSpan QuotaWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first Resource Graph request gets 429 with Retry-After: 1.</summary>
    public bool ThrottleOnce { get; init; }

    /// <summary>A query (by <see cref="FleetQueries"/> name) whose page (0-based) always fails with 500.</summary>
    public (string Query, int Page)? FailingPage { get; init; }

    /// <summary>Subscriptions the caller may not read: a request naming one gets 403 AuthorizationFailed.</summary>
    public HashSet<string> UnreadableSubscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rows per page at most, whatever <c>$top</c> asks (the service may return fewer rows than asked, with a skip token).</summary>
    public int MaxRowsPerPage { get; init; } = ResourceGraphApi.MaxPageSize;

    /// <summary>ARM's batch endpoint is absent (404), as in a cloud that does not offer it: every batch fails.</summary>
    public bool BatchEndpointMissing { get; init; }

    /// <summary>This many sub-requests of batches (the first ones) are answered 429, as ARM throttles inside a batch.</summary>
    public int ThrottledBatchItems { get; init; }

    public int GraphRequests => Volatile.Read(ref _graphRequests);

    /// <summary>The paths of plain ARM GETs (fall-back reads, subscription list), in arrival order.</summary>
    public IReadOnlyCollection<string> ArmGets => _armGets;
    public int BatchRequests => Volatile.Read(ref _batchRequests);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _batchedGets = new();

    /// <summary>The paths of the GETs inside ARM batches, in arrival order.</summary>
    public IReadOnlyCollection<string> BatchedGets => _batchedGets;

    /// <summary>Every ARM read, alone or in a batch (the subscription list included).</summary>
    public IReadOnlyList<string> ArmReads => [.. _armGets, .. _batchedGets];
    /// <summary>Requests refused because the caller sent them with no quota left.</summary>
    public int QuotaRejections => Volatile.Read(ref _quotaRejections);

    public async Task HandleAsync(HttpContext context)
    {
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await ArmGetAsync(context);
            return;
        }
        var body = JObject.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync());
        if (context.Request.Path.Value?.EndsWith("/Microsoft.ResourceGraph/resources", StringComparison.OrdinalIgnoreCase) == true)
            await QueryAsync(context, body);
        else if (context.Request.Path.Value == "/batch")
            await BatchAsync(context, body);
        else
            await Write(context, 404, Error("NotFound", $"the stand-in does not serve {context.Request.Path}"));
    }

    private async Task QueryAsync(HttpContext context, JObject body)
    {
        Interlocked.Increment(ref _graphRequests);
        if (!TakeQuota(context))
        {
            Interlocked.Increment(ref _quotaRejections);
            await Write(context, 429, Error("RateLimiting", "Please provide below info when asking for support: quota exceeded"));
            return;
        }
        if (FirstThrottle())
        {
            context.Response.Headers["Retry-After"] = "1";
            await Write(context, 429, Error("RateLimiting", "throttled once by the stand-in"));
            return;
        }

        var text = body.Value<string>("query") ?? "";
        var query = FleetQueries.All().FirstOrDefault(q => text.StartsWith(q.Text, StringComparison.Ordinal));
        if (query is null)
        {
            await Write(context, 400, Error("BadRequest", "the stand-in does not know this query"));
            return;
        }
        var subscriptions = (body["subscriptions"] as JArray)?.Select(s => s.ToString()).ToList();
        if (subscriptions?.FirstOrDefault(UnreadableSubscriptions.Contains) is { } refused)
        {
            await Write(context, 403, Error("AuthorizationFailed", $"The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/subscriptions/{refused}'"));
            return;
        }

        var options = body["options"] as JObject;
        var top = Math.Min(options?.Value<int?>("$top") ?? 100, MaxRowsPerPage);
        var offset = options?.Value<string>("$skipToken") is { } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        if (FailingPage is { } failing && failing.Query == query.Name && failing.Page == offset / top)
        {
            await Write(context, 500, Error("InternalServerError", $"page {failing.Page} of {query.Name} failed in the stand-in"));
            return;
        }

        var rows = fleet.RowsFor(query.Name)
            .Where(r => subscriptions is null || subscriptions.Contains(new ResourceId(r.Value<string>("id") ?? "").SubscriptionId ?? "", StringComparer.OrdinalIgnoreCase))
            .ToList();
        var page = rows.Skip(offset).Take(top).ToList();
        var response = new JObject
        {
            ["totalRecords"] = rows.Count, ["count"] = page.Count, ["resultTruncated"] = "false", ["facets"] = new JArray(),
        };
        if (offset + top < rows.Count) response["$skipToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + top).ToString(CultureInfo.InvariantCulture)));
        response["data"] = new JArray(page);
        await Write(context, 200, response);
    }

    private bool FirstThrottle()
    {
        lock (_gate)
        {
            if (!ThrottleOnce || _throttled) return false;
            _throttled = true;
            return true;
        }
    }

    /// <summary>Counts the request against the window and sets the quota headers; false when none was left.</summary>
    private bool TakeQuota(HttpContext context)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now - _windowStart >= QuotaWindow)
            {
                _windowStart = now;
                _usedInWindow = 0;
            }
            var allowed = _usedInWindow < QuotaPerWindow;
            if (allowed) _usedInWindow++;
            var resetsAfter = _windowStart + QuotaWindow - now;
            context.Response.Headers[ResourceGraphApi.QuotaRemainingHeader] = (QuotaPerWindow - _usedInWindow).ToString(CultureInfo.InvariantCulture);
            context.Response.Headers[ResourceGraphApi.QuotaResetsAfterHeader] = TimeSpan.FromSeconds(Math.Ceiling(resetsAfter.TotalSeconds)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
            if (!allowed) context.Response.Headers["Retry-After"] = Math.Ceiling(resetsAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return allowed;
        }
    }

    private async Task BatchAsync(HttpContext context, JObject body)
    {
        Interlocked.Increment(ref _batchRequests);
        if (BatchEndpointMissing)
        {
            await Write(context, 404, Error("NotFound", "The resource type 'batch' could not be found."));
            return;
        }
        var requests = (body["requests"] as JArray ?? []).OfType<JObject>().ToList();
        if (requests.Count > MaxBatchRequests)
        {
            await Write(context, 400, Error("BatchRequestTooLarge", $"a batch may hold at most {MaxBatchRequests} requests; this one has {requests.Count}"));
            return;
        }
        var responses = new JArray();
        foreach (var request in requests)
        {
            var path = Uri.UnescapeDataString(new Uri(request.Value<string>("url")!).AbsolutePath);
            _batchedGets.Enqueue(path);
            var subscription = new ResourceId(path).SubscriptionId;
            var (status, content) = Interlocked.Increment(ref _batchItemsSeen) <= ThrottledBatchItems
                ? (429, Error("TooManyRequests", "throttled inside the batch by the stand-in"))
                : subscription is not null && UnreadableSubscriptions.Contains(subscription)
                ? (403, Error("AuthorizationFailed", $"no read access to {path}"))
                : fleet.ArmDocument(path) is { } doc ? (200, doc) : (404, Error("ResourceNotFound", $"{path} was not found"));
            responses.Add(new JObject
            {
                ["name"] = request["name"]?.DeepClone(), ["httpStatusCode"] = status, ["headers"] = new JObject(), ["content"] = content,
                ["contentLength"] = content.ToString(Formatting.None).Length,
            });
        }
        await Write(context, 200, new JObject { ["responses"] = responses });
    }

    /// <summary>
    /// ARM GETs, as the product's fall-back reader sends them: the subscription list, and the fleet's documents by path
    /// (collections as <c>{"value": [...]}</c>), refused for an unreadable subscription, 404 when unknown.
    /// </summary>
    private async Task ArmGetAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimEnd('/');
        if (HttpMethods.IsHead(context.Request.Method) || path.Length == 0)
        {
            await Write(context, 401, Error("AuthenticationFailed", "no credentials"));
            return;
        }
        _armGets.Enqueue(path);
        if (path.Equals("/subscriptions", StringComparison.OrdinalIgnoreCase))
        {
            await Write(context, 200, new JObject
            {
                ["value"] = new JArray(fleet.Subscriptions.Select((s, i) => new JObject
                {
                    ["id"] = $"/subscriptions/{s}", ["subscriptionId"] = s, ["displayName"] = $"Fleet {i}", ["state"] = "Enabled",
                })),
            });
            return;
        }
        var subscription = new ResourceId(path).SubscriptionId;
        if (subscription is not null && UnreadableSubscriptions.Contains(subscription))
            await Write(context, 403, Error("AuthorizationFailed", $"no read access to {path}"));
        else if (fleet.ArmDocument(path) is { } doc)
            await Write(context, 200, doc);
        else
            await Write(context, 404, Error("ResourceNotFound", $"{path} was not found"));
    }

    private static JObject Error(string code, string message) => new() { ["error"] = new JObject { ["code"] = code, ["message"] = message } };

    private static Task Write(HttpContext context, int status, JObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToString(Formatting.None));
    }
}
