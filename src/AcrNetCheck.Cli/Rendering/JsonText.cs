using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Rendering;

public static class JsonText
{
    public static string Plain(JToken data) => data.ToString(Formatting.Indented);

    /// <summary>
    /// The same text as <see cref="Plain"/> of the array of <paramref name="items"/> (and a line end), written one item at a
    /// time: a fleet's reports as one JToken tree and then one string cost several times the reports themselves. The text
    /// goes out in chunks, not token by token: stdout flushes every write, and a write per token took seconds per thousand.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = NativeBuild.KeptForReflection)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = NativeBuild.KeptForReflection)]
    public static void WritePlainArray<T>(IEnumerable<T> items, TextWriter output)
    {
        const int ChunkChars = 1 << 16;
        var buffer = new StringWriter();
        using (var writer = new JsonTextWriter(buffer) { Formatting = Formatting.Indented })
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                JToken.FromObject(item!, Core.Evidence.EvidenceJson.Serializer).WriteTo(writer);
                if (buffer.GetStringBuilder().Length < ChunkChars) continue;
                writer.Flush();
                Drain(buffer, output);
            }
            writer.WriteEndArray();
        }
        Drain(buffer, output);
        output.WriteLine();
    }

    private static void Drain(StringWriter buffer, TextWriter output)
    {
        var text = buffer.GetStringBuilder();
        foreach (var chunk in text.GetChunks()) output.Write(chunk.Span);
        text.Clear();
    }

    /// <summary>jsonc as in the Azure CLI: keys, strings and literals in distinct colours.</summary>
    public static string Colored(JToken data, bool enabled)
    {
        if (!enabled) return Plain(data);
        var sb = new StringBuilder();
        Write(data, 0, sb);
        return sb.ToString();
    }

    private static void Write(JToken token, int indent, StringBuilder sb)
    {
        var pad = new string(' ', indent + 2);
        switch (token)
        {
            case JObject o:
                sb.Append('{');
                var props = o.Properties().ToList();
                for (var i = 0; i < props.Count; i++)
                {
                    sb.Append('\n').Append(pad).Append("\u001b[94m").Append(JsonConvert.ToString(props[i].Name)).Append("\u001b[0m: ");
                    Write(props[i].Value, indent + 2, sb);
                    if (i < props.Count - 1) sb.Append(',');
                }
                sb.Append(props.Count > 0 ? "\n" + new string(' ', indent) : "").Append('}');
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append('\n').Append(pad);
                    Write(a[i], indent + 2, sb);
                    if (i < a.Count - 1) sb.Append(',');
                }
                sb.Append(a.Count > 0 ? "\n" + new string(' ', indent) : "").Append(']');
                break;
            default:
                var color = token.Type == JTokenType.String ? "32" : "36";
                sb.Append($"\u001b[{color}m").Append(token.ToString(Formatting.None)).Append("\u001b[0m");
                break;
        }
    }
}
