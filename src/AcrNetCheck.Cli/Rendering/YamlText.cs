using Newtonsoft.Json.Linq;
using YamlDotNet.Serialization;

namespace AcrNetCheck.Cli.Rendering;

public static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder().DisableAliases().Build();

    public static string From(JToken data, bool colored)
    {
        var yaml = Serializer.Serialize(ToPlain(data));
        if (!colored) return yaml;
        // Colour only the keys: enough to scan a long document, and safe for any value.
        return string.Join('\n', yaml.Split('\n').Select(line =>
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            var key = colon > 0 ? line[..colon] : line.EndsWith(':') ? line[..^1] : null;
            return key is null || key.TrimStart(' ', '-').Contains('"') ? line : $"\u001b[94m{key}\u001b[0m{line[key.Length..]}";
        }));
    }

    private static object? ToPlain(JToken token) => token switch
    {
        JObject o => o.Properties().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JArray a => a.Select(ToPlain).ToList(),
        JValue v => v.Value is DateTimeOffset or DateTime ? v.ToString(Newtonsoft.Json.Formatting.None).Trim('"') : v.Value,
        _ => null,
    };
}
