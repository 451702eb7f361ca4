using System.Text;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// Tables of any JSON result (after --query), as the Azure CLI lays them out: a list of objects is rows with a column per
/// scalar property (nested values are left out), an object is one row, scalars one column.
/// </summary>
public static class GenericTable
{
    private const string Gap = "  ";

    /// <summary>Narrowest a column is made to fit the width; its values wrap within it.</summary>
    private const int NarrowestColumn = 8;

    /// <param name="width">The line length to keep to (-o table: the terminal's): the widest columns are narrowed until
    /// the rows fit, and a value longer than its column wraps within it, on the row's following lines.</param>
    public static string Text(JToken data, int width = int.MaxValue)
    {
        var (columns, rows) = Shape(data);
        if (rows.Count == 0) return "";
        var widths = Fit(columns.Select((c, i) => Math.Max(c.Length, rows.Max(r => r[i].Length))).ToArray(), width);
        var sb = new StringBuilder();
        AppendRow(sb, columns, widths);
        sb.AppendLine(string.Join(Gap, widths.Select(w => new string('-', w))));
        foreach (var row in rows) AppendRow(sb, row, widths);
        return sb.ToString();
    }

    /// <summary>A last column (free text, as az tables end: a title, a message) keeps at least this much before others narrow.</summary>
    private const int LastColumnRoom = 24;

    /// <summary>
    /// Column widths within <paramref name="width"/>: the last column gives up room first (down to <see cref="LastColumnRoom"/>),
    /// then the widest column, one character at a time, so ids and names wrap only as much as they must.
    /// </summary>
    private static int[] Fit(int[] natural, int width)
    {
        var widths = natural.ToArray();
        int Over() => widths.Sum() + Gap.Length * (widths.Length - 1) - width;
        var last = widths.Length - 1;
        if (Over() > 0) widths[last] = Math.Max(Math.Min(widths[last], LastColumnRoom), widths[last] - Over());
        while (Over() > 0)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= NarrowestColumn) break;
            widths[widest]--;
        }
        return widths;
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        // A value's continuation lines are indented within its column: a wrapped first cell never looks like a new row.
        var wrapped = cells.Select((c, i) => WrappingWriter.Wrap(c, widths[i], hanging: 2)).ToList();
        for (var line = 0; line < wrapped.Max(w => w.Count); line++)
            sb.AppendLine(string.Join(Gap, wrapped.Select((w, i) => (line < w.Count ? w[line] : "").PadRight(widths[i]))).TrimEnd());
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
