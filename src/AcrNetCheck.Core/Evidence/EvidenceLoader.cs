using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence;

/// <summary>Raised for a bundle that cannot be used; the message is one line a person can act on.</summary>
public sealed class BundleFormatException(string message, Exception? inner = null) : Exception(message, inner);

public static class EvidenceLoader
{
    public static IReadOnlyList<string> SupportedSchemaVersions { get; } = [EvidenceBundle.CurrentSchemaVersion];

    /// <summary>
    /// The largest bundle read: 32 MiB of JSON (documented in README "Limits" and docs/evidence-bundle.md). A real bundle
    /// is tens of kilobytes; a VNet with every subnet and a hundred NSG rules is a few megabytes.
    /// </summary>
    public const long MaxBundleChars = 32L * 1024 * 1024;

    public static EvidenceBundle Parse(string json, string sourceName = "bundle") => Read(new StringReader(json), sourceName);

    /// <summary>
    /// Reads a bundle from a file. Streamed, and stopped at <see cref="MaxBundleChars"/>: a device such as /dev/zero or a
    /// huge file fails with one line naming the limit instead of filling memory.
    /// </summary>
    public static EvidenceBundle Load(string path)
    {
        try
        {
            using var file = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Read(file, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BundleFormatException($"{path}: cannot be read: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a bundle from a stream of text (a file, stdin), streamed and stopped at <paramref name="maxChars"/>.</summary>
    public static EvidenceBundle Read(TextReader input, string sourceName, long maxChars = MaxBundleChars)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new CappedTextReader(input, maxChars, sourceName)) { DateParseHandling = DateParseHandling.None };
            // Nothing at all (an empty file, an empty pipe) is its own mistake, not a JSON syntax error at "line 0".
            if (!reader.Read()) throw new BundleFormatException($"{sourceName}: empty input; expected an evidence bundle (JSON from 'acr-netcheck collect', or a file in samples/).");
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
            throw new BundleFormatException($"{sourceName}: unknown schemaVersion {JsonConvert.ToString(version)}; this version of acr-netcheck reads {string.Join(", ", SupportedSchemaVersions)}.");

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
            if (arm.SkippedReads is { } skipped) arm.SkippedReads = new Dictionary<string, string>(skipped, StringComparer.OrdinalIgnoreCase);
        }
        if (bundle.ServiceTags is { } tags)
            tags.Tags = new Dictionary<string, List<string>>(tags.Tags ?? new(), StringComparer.OrdinalIgnoreCase);
        bundle.CollectionErrors ??= new();
        bundle.Target ??= new();
        return bundle;
    }

    /// <summary>Reads through to the input and fails the read, with the limit named, once more than the cap came out.</summary>
    private sealed class CappedTextReader(TextReader inner, long maxChars, string sourceName) : TextReader
    {
        private long _read;

        public override int Peek() => inner.Peek();
        public override int Read()
        {
            var ch = inner.Read();
            if (ch >= 0) Count(1);
            return ch;
        }
        public override int Read(char[] buffer, int index, int count) => Count(inner.Read(buffer, index, count));
        public override int Read(Span<char> buffer) => Count(inner.Read(buffer));

        private int Count(int read)
        {
            _read += read;
            if (_read > maxChars)
                throw new BundleFormatException($"{sourceName}: larger than the {maxChars / (1024 * 1024)} MiB limit for an evidence bundle; not read (see docs/evidence-bundle.md, \"Limits\").");
            return read;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.ReplaceLineEndings(" ").TrimEnd('.') + ".";
    }
}
