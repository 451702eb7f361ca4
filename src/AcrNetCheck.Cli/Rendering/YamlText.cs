using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.EventEmitters;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>-o yaml / yamlc: the JSON result as YAML that reads back as the same values.</summary>
public static class YamlText
{
    // A string a YAML reader would take for a number, a boolean, null or a YAML 1.1 scalar ("1.0", "403", "true", "yes",
    // "2026-11-24") is quoted; a string with a control character or line break is double-quoted with escapes (the emitter
    // would otherwise pick a block style and write the raw characters, which no YAML reader accepts).
    private static readonly ISerializer Serializer = CreateSerializer();

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = NativeBuild.KeptForReflection)]
    private static ISerializer CreateSerializer() => new SerializerBuilder()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithEventEmitter(next => new EscapingEventEmitter(next))
        .DisableAliases()
        .Build();

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
        JObject o => o.Properties().ToDictionary(p => WellFormed(p.Name), p => ToPlain(p.Value)),
        JArray a => a.Select(ToPlain).ToList(),
        JValue v => v.Value is DateTimeOffset or DateTime ? v.ToString(Newtonsoft.Json.Formatting.None).Trim('"') : v.Value is string text ? WellFormed(text) : v.Value,
        _ => null,
    };

    /// <summary>
    /// A half of a surrogate pair on its own (JSON allows "\ud83d") cannot be written as UTF-8 or YAML; it becomes U+FFFD, as
    /// the UTF-8 encoder of -o json's output makes it.
    /// </summary>
    private static string WellFormed(string text)
    {
        if (!text.Any(char.IsSurrogate)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
            if (char.IsSurrogate(chars[i])) chars[i] = '\ufffd';
        }
        return new string(chars);
    }

    private sealed class EscapingEventEmitter(IEventEmitter next) : ChainedEventEmitter(next)
    {
        public override void Emit(ScalarEventInfo eventInfo, IEmitter emitter)
        {
            if (eventInfo.Source.Value is string text && text.Any(NeedsEscape)) eventInfo.Style = ScalarStyle.DoubleQuoted;
            base.Emit(eventInfo, emitter);
        }

        // Everything YAML does not allow raw (https://yaml.org/spec/1.2.2/#51-character-set), and line breaks, which a
        // plain or block scalar would keep raw and a reader would normalise.
        private static bool NeedsEscape(char ch) => char.IsControl(ch) && ch != '\t' || ch is '\u2028' or '\u2029' or '\ufeff' or '\ufffe' or '\uffff';
    }
}
