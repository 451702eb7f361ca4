using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// One page of a Resource Graph answer (<c>resultFormat: objectArray</c>): the rows as objects (with lower-cased
/// <c>type</c>), the token for the next page, and whether the service cut the result short (a string, "true"/"false").
/// </summary>
internal sealed record ResourceGraphPage(IReadOnlyList<JObject> Rows, string? SkipToken, bool ResultTruncated, long? TotalRecords)
{
    public static ResourceGraphPage Parse(JObject body) => new(
        (body["data"] as JArray)?.OfType<JObject>().ToList() ?? [],
        body.Value<string>("$skipToken") is { Length: > 0 } token ? token : null,
        string.Equals(body["resultTruncated"]?.ToString(), "true", StringComparison.OrdinalIgnoreCase),
        body["totalRecords"]?.Type == JTokenType.Integer ? body.Value<long>("totalRecords") : null);
}
