using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Azure Resource Graph's query API (<c>POST {arm}/providers/Microsoft.ResourceGraph/resources</c>) over an Azure.Core
/// pipeline whose policies carry the token, the retries (429 with Retry-After) and the logging. Pages with
/// <c>$skipToken</c> and paces itself by the per-user quota headers. Thread-safe; one instance per scan shares the quota.
/// </summary>
internal sealed class ResourceGraphClient
{
    private readonly HttpPipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly QuotaPacer _quota;
    private int _requestsSent;

    public ResourceGraphClient(HttpPipeline pipeline, Uri armEndpoint, ICollectionLog? log = null, TimeProvider? time = null)
    {
        _pipeline = pipeline;
        _endpoint = new Uri(armEndpoint, $"{ResourceGraphApi.ResourcesPath}?api-version={ResourceGraphApi.ApiVersion}");
        _quota = new QuotaPacer(time ?? TimeProvider.System, log ?? NullCollectionLog.Instance);
    }

    /// <summary>Rows per page (<c>$top</c>), at most <see cref="ResourceGraphApi.MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = ResourceGraphApi.MaxPageSize;

    /// <summary>Query requests that reached the pipeline (retries inside it not counted), for progress and --debug.</summary>
    public int RequestsSent => Volatile.Read(ref _requestsSent);

    /// <summary>Every page of the query's result, in order. A failed page throws <see cref="RequestFailedException"/>.</summary>
    public async IAsyncEnumerable<ResourceGraphPage> QueryAsync(string query, ResourceGraphScope scope,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? skipToken = null;
        do
        {
            var page = await SendAsync(Body(query, scope, skipToken), cancellationToken).ConfigureAwait(false);
            yield return page;
            skipToken = page.SkipToken;
        } while (skipToken is not null);
    }

    private JObject Body(string query, ResourceGraphScope scope, string? skipToken)
    {
        var options = new JObject { ["$top"] = Math.Clamp(PageSize, 1, ResourceGraphApi.MaxPageSize), ["resultFormat"] = "objectArray" };
        if (skipToken is not null) options["$skipToken"] = skipToken;
        var body = new JObject { ["query"] = query, ["options"] = options };
        if (scope.Subscriptions.Count > 0) body["subscriptions"] = new JArray(scope.Subscriptions);
        if (scope.ManagementGroups.Count > 0) body["managementGroups"] = new JArray(scope.ManagementGroups);
        return body;
    }

    private async Task<ResourceGraphPage> SendAsync(JObject body, CancellationToken cancellationToken)
    {
        await _quota.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
        using var message = _pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(_endpoint);
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToString(Formatting.None)));

        Interlocked.Increment(ref _requestsSent);
        await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        _quota.Observe(response);
        if (response.Status >= 400) throw new RequestFailedException(response);
        try
        {
            using var reader = new JsonTextReader(new StreamReader(response.ContentStream!)) { DateParseHandling = DateParseHandling.None };
            return ResourceGraphPage.Parse(JObject.Load(reader));
        }
        catch (Exception ex) when (ex is JsonException or InvalidCastException or ArgumentNullException)
        {
            throw new RequestFailedException(response.Status, $"malformed Resource Graph response: {ex.Message}", "MalformedResponse", ex);
        }
    }
}
