using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>
/// Reads service tags from either source: the weekly "Azure IP Ranges and Service Tags" download
/// (<c>changeNumber</c> an integer) or the ARM <c>Microsoft.Network/locations/{location}/serviceTags</c> list
/// (<c>changeNumber</c> a string). Both hold <c>values[].name</c> and <c>values[].properties.addressPrefixes</c>, IPv4 and IPv6 mixed.
/// </summary>
internal static class ServiceTagsFile
{
    public static ServiceTagEvidence Parse(TextReader json)
    {
        using var reader = new JsonTextReader(json);
        var root = JObject.Load(reader);
        var tags = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in root["values"] as JArray ?? [])
        {
            if (value.Value<string>("name") is not { } name) continue;
            tags[name] = (value.SelectToken("properties.addressPrefixes") as JArray)?.Select(p => p.ToString()).ToList() ?? [];
        }
        return new ServiceTagEvidence
        {
            ChangeNumber = root["changeNumber"]?.ToString(),
            Cloud = root.Value<string>("cloud"),
            Tags = tags,
        };
    }

    public static ServiceTagEvidence Parse(string json) => Parse(new StringReader(json));
}
