using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrNetCheck.Core.Collection.Http;

/// <summary>
/// --debug: one line per HTTP attempt (method, URL, status, duration) on the collection log. Headers are never written
/// (the Authorization header carries the token), and query values other than known-harmless ones are redacted.
/// </summary>
internal sealed class RequestLoggingPolicy(ICollectionLog log) : HttpPipelinePolicy
{
    private static readonly HashSet<string> VisibleQueryKeys = new(StringComparer.OrdinalIgnoreCase) { "api-version", "$filter", "$top", "$expand" };

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            if (async) await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            else ProcessNext(message, pipeline);
            var retryAfter = message.Response.Headers.TryGetValue("Retry-After", out var after) ? $", Retry-After {after}" : "";
            log.Debug($"HTTP {message.Request.Method} {Redact(message.Request.Uri.ToUri())} → {message.Response.Status} ({clock.ElapsedMilliseconds} ms{retryAfter})");
        }
        catch (Exception ex)
        {
            log.Debug($"HTTP {message.Request.Method} {Redact(message.Request.Uri.ToUri())} → {ex.GetType().Name} after {clock.ElapsedMilliseconds} ms");
            throw;
        }
    }

    public static string Redact(Uri uri)
    {
        if (uri.Query.Length <= 1) return uri.GetLeftPart(UriPartial.Path);
        var pairs = uri.Query[1..].Split('&').Select(pair =>
        {
            var key = Uri.UnescapeDataString(pair.Split('=')[0]);
            return VisibleQueryKeys.Contains(key) ? pair : $"{pair.Split('=')[0]}=REDACTED";
        });
        return $"{uri.GetLeftPart(UriPartial.Path)}?{string.Join('&', pairs)}";
    }
}
