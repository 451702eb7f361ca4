using AcrNetCheck.Core.Collection.ResourceGraph;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Testing.Fleet;

/// <summary>
/// A test implementation of <see cref="IArmBatchReader"/>: one request per batch to the stand-in's ARM batch endpoint
/// (<c>POST {arm}/batch</c>, the shape the Azure portal uses), so request counts show batches. The product's reader
/// is the ARM collector's; this one only lets the fleet scan run against the stand-in.
/// </summary>
public sealed class ArmBatchTestReader(HttpPipeline pipeline, Uri armEndpoint) : IArmBatchReader
{
    public const string BatchApiVersion = "2020-06-01";

    public async Task<IReadOnlyDictionary<string, ArmRead>> GetManyAsync(IReadOnlyList<string> paths, string apiVersion, CancellationToken cancellationToken)
    {
        var requests = new JArray(paths.Select(p => new JObject
        {
            ["httpMethod"] = "GET",
            ["url"] = new Uri(armEndpoint, p.TrimStart('/') + "?api-version=" + apiVersion).ToString(),
        }));
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri(armEndpoint, "batch?api-version=" + BatchApiVersion));
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(new JObject { ["requests"] = requests }.ToString(Formatting.None)));
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Response.Status >= 400) throw new RequestFailedException(message.Response);

        var responses = (JArray)JObject.Parse(message.Response.Content.ToString())["responses"]!;
        var results = new Dictionary<string, ArmRead>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < paths.Count && i < responses.Count; i++)
        {
            var status = responses[i].Value<int>("httpStatusCode");
            var content = responses[i]["content"] as JObject;
            results[paths[i]] = status < 400 && content is not null
                ? new ArmRead(content)
                : ArmRead.Failed(status, content?.SelectToken("error.code")?.ToString(), content?.SelectToken("error.message")?.ToString());
        }
        return results;
    }
}
