using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// One ARM action run as a long-running operation, over the reader's signed-in pipeline: POST, then on 202 poll the
/// <c>Location</c> URL (the operations read here declare <c>final-state-via: location</c>) or, without one, the
/// <c>Azure-AsyncOperation</c> status URL, waiting <c>Retry-After</c> between polls. The caller's token bounds it all (the run's
/// <c>--timeout</c>); polls follow only URLs on the ARM host, since the bearer token goes wherever the pipeline sends it.
/// </summary>
internal static class ArmLongRunningPost
{
    /// <summary>ARM asks for 10 s between polls of these operations; never wait longer than that for one poll.</summary>
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultPollDelay = TimeSpan.FromSeconds(1);

    public static async Task<JObject> RunAsync(HttpPipeline pipeline, Uri endpoint, string actionPath, JObject? body, Func<BinaryData, JObject> parse, CancellationToken cancellationToken)
    {
        using var post = pipeline.CreateMessage();
        post.Request.Method = RequestMethod.Post;
        post.Request.Uri.Reset(endpoint);
        post.Request.Uri.AppendPath(actionPath, escape: false);
        post.Request.Uri.AppendQuery("api-version", ApiVersions.For(actionPath));
        post.Request.Content = RequestContent.Create(BinaryData.FromString(body?.ToString(Newtonsoft.Json.Formatting.None) ?? ""));
        if (body is not null) post.Request.Headers.SetValue("Content-Type", "application/json");
        post.ResponseClassifier = OkOrAccepted;
        await pipeline.SendAsync(post, cancellationToken).ConfigureAwait(false);
        if (post.Response.IsError) throw new RequestFailedException(post.Response);
        if (post.Response.Status == 200) return parse(post.Response.Content);

        var location = Header(post.Response, "Location");
        var status = Header(post.Response, "Azure-AsyncOperation");
        var delay = RetryAfter(post.Response);
        if (location is null && status is null)
            throw new ArmReadException(202, ArmReadException.MalformedBody, "202 Accepted without a Location or Azure-AsyncOperation header to poll.");
        while (true)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            using var poll = pipeline.CreateMessage();
            poll.Request.Method = RequestMethod.Get;
            poll.Request.Uri.Reset(SameHost(endpoint, location ?? status!));
            poll.ResponseClassifier = OkOrAccepted;
            await pipeline.SendAsync(poll, cancellationToken).ConfigureAwait(false);
            if (poll.Response.IsError) throw new RequestFailedException(poll.Response);
            delay = RetryAfter(poll.Response);
            if (poll.Response.Status == 202) continue;
            var answer = parse(poll.Response.Content);
            if (location is not null) return answer;

            // The status document: {"status": "InProgress" | "Succeeded" | "Failed" | "Canceled", "error": {...}}.
            switch (answer.Value<string>("status"))
            {
                case "Succeeded":
                    return answer["properties"] as JObject
                        ?? throw new ArmReadException(200, ArmReadException.MalformedBody, "the operation succeeded but its status document holds no result and no Location was given.");
                case "Failed" or "Canceled":
                    throw new ArmReadException(200, answer.SelectToken("error.code")?.Value<string>() ?? "OperationFailed",
                        answer.SelectToken("error.message")?.Value<string>() ?? $"the operation ended {answer.Value<string>("status")}.");
            }
        }
    }

    private static readonly ResponseClassifier OkOrAccepted = new StatusCodeClassifier([200, 202]);

    private static string? Header(Response response, string name) => response.Headers.TryGetValue(name, out var value) && value is { Length: > 0 } ? value : null;

    private static TimeSpan RetryAfter(Response response) =>
        Header(response, "Retry-After") is { } text && int.TryParse(text, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(Math.Min(seconds, MaxPollDelay.TotalSeconds))
            : DefaultPollDelay;

    private static Uri SameHost(Uri endpoint, string link)
    {
        var uri = new Uri(link);
        return uri.Host.Equals(endpoint.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == endpoint.Port && uri.Scheme == endpoint.Scheme
            ? uri
            : throw new ArmReadException(null, ArmReadException.MalformedBody, $"the operation's status URL points off the ARM endpoint ({uri.Host}); not followed.");
    }
}
