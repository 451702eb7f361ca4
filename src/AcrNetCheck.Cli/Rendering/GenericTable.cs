using System.Text;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// Tables of any JSON result (after --query), as the Azure CLI lays them out: a list of objects is rows with a column per
/// scalar property (nested values are left out), an object is one row, scalars one column.
/// </summary>
public static class GenericTable
{
    public static string Text(JToken data)
    {
        var (columns, rows) = Shape(data);
        if (rows.Count == 0) return "";
        var widths = columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) sb.AppendLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        return sb.ToString();
    }

    public static string Tsv(JToken data)
    {
        var (_, rows) = Shape(data);
        return string.Concat(rows.Select(r => string.Join('\t', r) + "\n"));
    }

    public static string Markdown(JToken data)
    {
        var (columns, rows) = Shape(data);
        if (rows.Count == 0) return "";
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", columns.Select(DisplayText.MarkdownCell)) + " |");
        sb.AppendLine("|" + string.Concat(columns.Select(_ => "---|")));
        foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row.Select(DisplayText.MarkdownCell)) + " |");
        return sb.ToString();
    }

    private static (List<string> Columns, List<string[]> Rows) Shape(JToken data)
    {
        var items = data is JArray a ? a.ToList() : [data];
        if (items.Count == 0 || items.All(i => i.Type == JTokenType.Null)) return ([], []);
        if (items.All(i => i is JArray))
        {
            var width = items.Max(i => ((JArray)i).Count);
            return (Enumerable.Range(1, width).Select(n => $"Column{n}").ToList(),
                    items.Select(i => Enumerable.Range(0, width).Select(n => n < ((JArray)i).Count ? Scalar(i[n]!) : "").ToArray()).ToList());
        }
        if (items.All(i => i is not JObject))
            return (["Result"], items.Select(i => new[] { Scalar(i) }).ToList());

        var columns = items.OfType<JObject>()
            .SelectMany(o => o.Properties().Where(p => p.Value is JValue).Select(p => p.Name))
            .Distinct().ToList();
        var rows = items.Select(i => columns.Select(c => i is JObject o && o[c] is JValue v ? Scalar(v) : "").ToArray()).ToList();
        return (columns.Select(c => DisplayText.Escape(Header(c))).ToList(), rows);
    }

    /// <summary>A cell's text, escaped: one value stays one cell on one line in every layout (<see cref="DisplayText"/>).</summary>
    private static string Scalar(JToken token) => DisplayText.Escape(RawScalar(token));

    private static string RawScalar(JToken token) => token switch
    {
        JValue { Type: JTokenType.Null } => "",
        JValue { Type: JTokenType.Boolean } v => (bool)v! ? "True" : "False",
        JValue v => v.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JArray a => string.Join(", ", a.Select(RawScalar)),
        _ => token.ToString(Newtonsoft.Json.Formatting.None),
    };

    /// <summary>camelCase property → "Title Case" header, as az does.</summary>
    private static string Header(string name) =>
        string.Concat(name.Select((ch, i) => i == 0 ? char.ToUpperInvariant(ch).ToString() : char.IsUpper(ch) ? " " + ch : ch.ToString()));
}
