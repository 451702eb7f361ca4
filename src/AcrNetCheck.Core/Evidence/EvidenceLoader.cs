using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence;

/// <summary>Raised for a bundle that cannot be used; the message is one line a person can act on.</summary>
public sealed class BundleFormatException(string message, Exception? inner = null) : Exception(message, inner);

public static class EvidenceLoader
{
    public static IReadOnlyList<string> SupportedSchemaVersions { get; } = [EvidenceBundle.CurrentSchemaVersion];

    public static EvidenceBundle Parse(string json, string sourceName = "bundle")
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load });
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
                throw new BundleFormatException($"{sourceName}: not valid JSON: unexpected content after the document at line {reader.LineNumber}, position {reader.LinePosition}.");
            root = token as JObject ?? throw new BundleFormatException($"{sourceName}: an evidence bundle must be a JSON object, found {token.Type}.");
        }
        catch (JsonReaderException ex)
        {
            throw new BundleFormatException($"{sourceName}: not valid JSON at line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}", ex);
        }

        if (root["schemaVersion"] is { Type: not (JTokenType.String or JTokenType.Null) } notText)
            throw new BundleFormatException($"{sourceName}: \"schemaVersion\" must be a string such as \"{EvidenceBundle.CurrentSchemaVersion}\", found {notText.Type} at line {((IJsonLineInfo)notText).LineNumber}.");
        var version = root.Value<string>("schemaVersion");
        if (version is null)
            throw new BundleFormatException($"{sourceName}: missing \"schemaVersion\"; this does not look like an acr-netcheck evidence bundle (expected schemaVersion {EvidenceBundle.CurrentSchemaVersion}).");
        if (!SupportedSchemaVersions.Contains(version))
            throw new BundleFormatException($"{sourceName}: unknown schemaVersion \"{version}\"; this version of acr-netcheck reads {string.Join(", ", SupportedSchemaVersions)}.");

        try
        {
            var bundle = root.ToObject<EvidenceBundle>(EvidenceJson.Serializer)
                ?? throw new BundleFormatException($"{sourceName}: empty bundle.");
            return Normalize(bundle);
        }
        catch (JsonException ex)
        {
            var where = ex is JsonSerializationException { LineNumber: > 0 } s ? $" at line {s.LineNumber}, position {s.LinePosition}" : "";
            throw new BundleFormatException($"{sourceName}: a field has the wrong shape{where}: {FirstSentence(ex.Message)}", ex);
        }
    }

    public static string Serialize(EvidenceBundle bundle) => EvidenceJson.Serialize(bundle);

    /// <summary>Deserialization replaces our case-insensitive dictionaries with ordinal ones; put the comparers back.</summary>
    private static EvidenceBundle Normalize(EvidenceBundle bundle)
    {
        if (bundle.Arm is { } arm)
        {
            arm.Resources = new Dictionary<string, JObject>(arm.Resources ?? new(), StringComparer.OrdinalIgnoreCase);
            arm.Lists = new Dictionary<string, List<string>>(arm.Lists ?? new(), StringComparer.OrdinalIgnoreCase);
        }
        if (bundle.ServiceTags is { } tags)
            tags.Tags = new Dictionary<string, List<string>>(tags.Tags ?? new(), StringComparer.OrdinalIgnoreCase);
        bundle.CollectionErrors ??= new();
        bundle.Target ??= new();
        return bundle;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.ReplaceLineEndings(" ").TrimEnd('.') + ".";
    }
}
