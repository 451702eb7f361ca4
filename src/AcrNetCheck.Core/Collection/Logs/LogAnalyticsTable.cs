using System.Globalization;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// The first table of a Log Analytics query response (<c>tables[].columns[{name,type}]</c>, <c>rows[][]</c>), read by
/// column name. Cells come as real JSON types from the live service and as strings in some documented examples, so each
/// cell is read through its column's type.
/// </summary>
public sealed class LogAnalyticsTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly IReadOnlyList<JArray> _rows;

    private LogAnalyticsTable(Dictionary<string, int> columns, IReadOnlyList<JArray> rows, string? partialError)
    {
        _columns = columns;
        _rows = rows;
        PartialError = partialError;
    }

    /// <summary>The API's partial-error message (results may be incomplete), or null.</summary>
    public string? PartialError { get; }

    public int RowCount => _rows.Count;

    public static LogAnalyticsTable Parse(JObject response)
    {
        var table = (response["tables"] as JArray)?.OfType<JObject>().FirstOrDefault()
            ?? throw new FormatException("the response has no tables[]");
        var columns = (table["columns"] as JArray ?? []).OfType<JObject>()
            .Select((c, i) => (Name: c.Value<string>("name") ?? "", i))
            .ToDictionary(c => c.Name, c => c.i, StringComparer.OrdinalIgnoreCase);
        var rows = (table["rows"] as JArray ?? []).OfType<JArray>().ToList();
        var error = response["error"] is JObject e ? $"{e.Value<string>("code")}: {e.Value<string>("message")}" : null;
        return new LogAnalyticsTable(columns, rows, error);
    }

    public string? String(int row, string column) => Cell(row, column) is { Type: not JTokenType.Null } v ? v.ToString() : null;

    public long Long(int row, string column) => Cell(row, column) switch
    {
        JValue { Type: JTokenType.Integer or JTokenType.Float } v => Convert.ToInt64(v.Value, CultureInfo.InvariantCulture),
        JValue { Type: JTokenType.String } v when long.TryParse(v.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
        _ => 0,
    };

    public DateTimeOffset? Time(int row, string column) => Cell(row, column) switch
    {
        JValue { Value: DateTimeOffset d } => d,
        JValue { Value: DateTime d } => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        JValue { Type: JTokenType.String } v when DateTimeOffset.TryParse(v.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => null,
    };

    /// <summary>A <c>dynamic</c> array cell: a JSON array, or (as the API writes dynamic values) JSON inside a string.</summary>
    public IReadOnlyList<string> Strings(int row, string column)
    {
        var cell = Cell(row, column);
        if (cell is JValue { Type: JTokenType.String } text)
        {
            try { cell = JToken.Parse(text.ToString()); }
            catch (Newtonsoft.Json.JsonException) { return [text.ToString()]; }
        }
        return cell is JArray array ? array.Select(t => t.ToString()).Where(t => t.Length > 0).ToList() : [];
    }

    private JToken? Cell(int row, string column) =>
        _columns.TryGetValue(column, out var i) && i < _rows[row].Count ? _rows[row][i] : null;
}
