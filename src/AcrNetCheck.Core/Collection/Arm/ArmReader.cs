using AcrNetCheck.Core.Collection.Cloud;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// <see cref="IArmReader"/> as plain REST calls over one Azure.Core HttpPipeline carrying the token, the retries (429/503
/// with Retry-After), the request logging and the size limit, every api-version pinned in <see cref="ApiVersions"/> (no
/// provider look-up round trip). Documents are parsed once, as ARM sent them: ArmClient's generic resources were parsed
/// into typed models first and then again from the raw body, and its first use cost more CPU than the reads themselves.
/// </summary>
public sealed class ArmReader : IArmReader
{
    /// <summary>The generic resource list (<c>/subscriptions/{id}/resources</c>), as ArmClient sent it.</summary>
    private const string ResourcesApiVersion = "2022-09-01";

    /// <summary>The subscription list (<c>/subscriptions</c>).</summary>
    private const string SubscriptionsApiVersion = "2022-12-01";

    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;

    public ArmReader(AzureCloud cloud, TokenCredential credential, ArmClientOptions options)
    {
        _endpoint = cloud.ResourceManager;
        _pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(credential, cloud.ManagementScope));
    }

    /// <summary>The signed-in pipeline (token, retries, logging) for ARM calls outside this reader, such as Resource Graph queries.</summary>
    public HttpPipeline Pipeline => _pipeline;

    public Uri Endpoint => _endpoint;

    /// <summary>ArmClient options with retries bounded for a command-line run; policies are added by the caller.</summary>
    public static ArmClientOptions DefaultOptions(TimeSpan perTryTimeout)
    {
        var options = new ArmClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        options.Retry.NetworkTimeout = perTryTimeout;
        // Our own policy logs requests (redacted); the SDK's logging would print headers and content at verbose levels.
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        return options;
    }

    /// <summary>
    /// Opens a connection to the ARM endpoint without credentials (ARM answers 401; nothing is read) so the first real read
    /// does not pay for the TLS handshake. Never fails: a problem here shows up again, properly, on the first read.
    /// </summary>
    public static async Task WarmUpAsync(AzureCloud cloud, ArmClientOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var pipeline = HttpPipelineBuilder.Build(options);
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Head;
            message.Request.Uri.Reset(cloud.ResourceManager);
            message.ResponseClassifier = new StatusCodeClassifier(Enumerable.Range(100, 500).Select(code => (ushort)code).ToArray());
            await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        // The retry policy reports a connection that failed on every try (TLS, reset) as an AggregateException.
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or IOException or AggregateException) { }
    }

    /// <remarks>A provider registration (<c>/subscriptions/{id}/providers/{namespace}</c>) is a GET like any other.</remarks>
    public Task<JObject> GetAsync(string resourceId, CancellationToken cancellationToken) =>
        GetAsync(resourceId, ApiVersions.For(resourceId.TrimEnd('/')), cancellationToken);

    public Task<IReadOnlyList<JObject>> ListAsync(string collectionPath, CancellationToken cancellationToken) => Translate(async () =>
    {
        var items = new List<JObject>();
        await foreach (var page in PagesAsync(collectionPath, cancellationToken).ConfigureAwait(false))
            items.AddRange((page["value"] as JArray ?? []).OfType<JObject>());
        return (IReadOnlyList<JObject>)items;
    });

    public Task<JObject> PostLongRunningAsync(string actionPath, JObject? body, CancellationToken cancellationToken) =>
        Translate(() => ArmLongRunningPost.RunAsync(_pipeline, _endpoint, actionPath, body, ParseObject, cancellationToken));

    public Task<IReadOnlyList<FoundResource>> FindResourcesAsync(string subscriptionId, string resourceType, CancellationToken cancellationToken) => Translate(async () =>
    {
        var found = new List<FoundResource>();
        var first = Get($"/subscriptions/{subscriptionId}/resources", [("$filter", $"resourceType eq '{resourceType}'"), ("api-version", ResourcesApiVersion)]);
        await foreach (var page in PagesAsync(first, cancellationToken).ConfigureAwait(false))
            foreach (var resource in (page["value"] as JArray ?? []).OfType<JObject>())
                if (resource.Value<string>("id") is { Length: > 0 } id)
                    found.Add(new FoundResource(id, resource.Value<string>("location") is { Length: > 0 } location ? location : null));
        return (IReadOnlyList<FoundResource>)found;
    });

    public Task<IReadOnlyList<(string Id, string Name)>> ListSubscriptionsAsync(CancellationToken cancellationToken) => Translate(async () =>
    {
        var subscriptions = new List<(string, string)>();
        await foreach (var page in PagesAsync(Get("/subscriptions", [("api-version", SubscriptionsApiVersion)]), cancellationToken).ConfigureAwait(false))
            foreach (var subscription in (page["value"] as JArray ?? []).OfType<JObject>())
                if (subscription.Value<string>("subscriptionId") is { Length: > 0 } id)
                    subscriptions.Add((id, subscription.Value<string>("displayName") ?? id));
        return (IReadOnlyList<(string, string)>)subscriptions;
    });

    public Task<JObject> GetServiceTagsAsync(string subscriptionId, string location, CancellationToken cancellationToken) => Translate(async () =>
    {
        JObject? merged = null;
        await foreach (var page in PagesAsync($"/subscriptions/{subscriptionId}/providers/Microsoft.Network/locations/{location}/serviceTags", cancellationToken).ConfigureAwait(false))
        {
            if (merged is null) { merged = page; continue; }
            ((JArray)(merged["values"] ??= new JArray())).Merge(page["values"] ?? new JArray());
        }
        merged?.Remove("nextLink");
        return merged ?? new JObject();
    });

    /// <summary>A GET at a chosen api-version: a newer one than <see cref="ApiVersions"/> pins, for fields only it returns.</summary>
    public Task<JObject> GetAsync(string resourceId, string apiVersion, CancellationToken cancellationToken) => Translate(async () =>
    {
        using var message = Get(resourceId.TrimEnd('/'), [("api-version", apiVersion)]);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.IsError) throw new RequestFailedException(message.Response);
        return ParseObject(message.Response.Content);
    });

    /// <summary>A GET of <paramref name="path"/> on the ARM endpoint with <paramref name="query"/>, answered 200 or an error.</summary>
    private HttpMessage Get(string path, IEnumerable<(string Name, string Value)> query)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Get;
        message.Request.Uri.Reset(_endpoint);
        message.Request.Uri.AppendPath(path, escape: false);
        foreach (var (name, value) in query) message.Request.Uri.AppendQuery(name, value);
        message.ResponseClassifier = ResponseClassifier200;
        return message;
    }

    /// <summary>Each page of a collection: <c>value</c> (or <c>values</c>) plus <c>nextLink</c>, followed only on the ARM host.</summary>
    private IAsyncEnumerable<JObject> PagesAsync(string path, CancellationToken cancellationToken) =>
        PagesAsync(Get(path, [("api-version", ApiVersions.For(path))]), cancellationToken);

    /// <summary>The pages from <paramref name="first"/> on (disposed here).</summary>
    private async IAsyncEnumerable<JObject> PagesAsync(HttpMessage first, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = null;
        do
        {
            using var message = next is null ? first : _pipeline.CreateMessage();
            if (next is not null)
            {
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(next);
                message.ResponseClassifier = ResponseClassifier200;
            }
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            if (message.Response.IsError) throw new RequestFailedException(message.Response);
            var page = ParseObject(message.Response.Content);
            next = page.Value<string>("nextLink") is { Length: > 0 } link ? SameHost(new Uri(link)) : null;
            yield return page;
        } while (next is not null);
    }

    private static readonly ResponseClassifier ResponseClassifier200 = new StatusCodeClassifier([200]);

    // The bearer token goes wherever the pipeline sends it: never follow a link off the ARM endpoint.
    private Uri SameHost(Uri link) => link.Host.Equals(_endpoint.Host, StringComparison.OrdinalIgnoreCase) && link.Port == _endpoint.Port && link.Scheme == _endpoint.Scheme
        ? link
        : throw new ArmReadException(null, ArmReadException.MalformedBody, $"nextLink points off the ARM endpoint ({link.Host}); not followed.");

    private static JObject ParseObject(BinaryData content)
    {
        try
        {
            using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(content.ToString())) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
            return JToken.ReadFrom(reader) as JObject ?? throw new ArmReadException(200, ArmReadException.MalformedBody, "the response is JSON but not an object.");
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new ArmReadException(200, ArmReadException.MalformedBody, $"the response is not valid JSON ({ex.Message.Split('.')[0]}).", ex);
        }
    }

    /// <summary>Turns the SDK's failures into <see cref="ArmReadException"/>; the caller's cancellation passes through.</summary>
    private static async Task<T> Translate<T>(Func<Task<T>> read)
    {
        try { return await read().ConfigureAwait(false); }
        catch (RequestFailedException ex)
        {
            throw new ArmReadException(ex.Status == 0 ? null : ex.Status, ex.ErrorCode ?? (ex.Status == 0 ? ArmReadException.ConnectionFailed : null), ArmErrorMessage(ex), ex);
        }
        catch (AggregateException ex) when (Http.ConnectionFailures.Is(ex))
        {
            // Every try failed before an answer (TLS handshake, connection reset or refused): the retry policy's aggregate.
            throw new ArmReadException(null, ArmReadException.ConnectionFailed, $"{ConnectionFailure(ex.InnerExceptions[^1])} ({ex.InnerExceptions.Count} tries)", ex);
        }
    }

    /// <summary>ARM's own <c>error.message</c> when the body has one; the SDK's text would carry headers and the whole body.</summary>
    private static string ArmErrorMessage(RequestFailedException ex)
    {
        try
        {
            if (ex.GetRawResponse()?.Content is { } body && JObject.Parse(body.ToString()).SelectToken("error.message")?.Value<string>() is { Length: > 0 } message)
                return message;
        }
        catch (Newtonsoft.Json.JsonException) { }
        if (ex is Http.ResponseTooLargeException) return ex.Message;
        return ex.Status == 0 ? ConnectionFailure(ex) : $"HTTP {ex.Status}";
    }

    /// <summary>
    /// "The SSL connection could not be established: The remote certificate is invalid …": each level's first line, down
    /// to the cause, without the runtime's "see inner exception" pointers.
    /// </summary>
    private static string ConnectionFailure(Exception ex)
    {
        var levels = new List<string>();
        for (var level = ex; level is not null; level = level.InnerException)
        {
            var text = level.Message.Split('\n')[0].Replace(", see inner exception", "", StringComparison.OrdinalIgnoreCase).TrimEnd('.', ' ');
            if (text.Length > 0 && !levels.Contains(text)) levels.Add(text);
        }
        return string.Join(": ", levels);
    }
}
