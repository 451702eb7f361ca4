using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// The Log Analytics query REST API (<c>POST {endpoint}/v1/workspaces/{customerId}/query</c>, or the resource-centric
/// <c>POST {endpoint}/v1{resourceId}/query</c>) over an Azure.Core pipeline whose policies carry the token, retries
/// (429 Retry-After) and logging. Azure.Monitor.Query is not available here; this is the documented REST call it makes.
/// </summary>
public sealed class LogAnalyticsQueryClient(HttpPipeline pipeline, Uri endpoint)
{
    public Task<LogAnalyticsTable> QueryWorkspaceAsync(string customerId, string kql, TimeSpan timespan, CancellationToken cancellationToken) =>
        PostAsync($"v1/workspaces/{Uri.EscapeDataString(customerId)}/query", kql, timespan, cancellationToken);

    public Task<LogAnalyticsTable> QueryResourceAsync(string resourceId, string kql, TimeSpan timespan, CancellationToken cancellationToken) =>
        PostAsync($"v1{resourceId}/query", kql, timespan, cancellationToken);

    private async Task<LogAnalyticsTable> PostAsync(string path, string kql, TimeSpan timespan, CancellationToken cancellationToken)
    {
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri(endpoint, path));
        request.Headers.Add("Content-Type", "application/json");
        var body = new JObject { ["query"] = kql, ["timespan"] = System.Xml.XmlConvert.ToString(timespan) };
        request.Content = RequestContent.Create(BinaryData.FromString(body.ToString(Formatting.None)));

        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        var text = response.Content.ToString();
        if (response.Status >= 400) throw new RequestFailedException(response);
        try
        {
            return LogAnalyticsTable.Parse(JObject.Parse(text));
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            throw new RequestFailedException(response.Status, $"malformed Log Analytics response: {ex.Message}", "MalformedResponse", ex);
        }
    }
}
