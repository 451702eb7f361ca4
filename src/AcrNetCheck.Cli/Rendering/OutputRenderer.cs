using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using DevLab.JmesPath;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// Like the Azure CLI's output layer: result → JSON → --query → the formatter named by -o. The dictionary's keys are
/// the valid -o values. Formatters only lay out what they are given; nothing here changes a status or a finding.
/// </summary>
public static class OutputRenderer
{
    public delegate void Formatter(JToken data, object? model, CliConsole console);

    public static IReadOnlyDictionary<string, Formatter> Formats { get; } = new Dictionary<string, Formatter>
    {
        ["json"] = (data, _, c) => c.Out.WriteLine(JsonText.Plain(data)),
        ["jsonc"] = (data, _, c) => c.Out.WriteLine(JsonText.Colored(data, c.ColorAllowed)),
        ["yaml"] = (data, _, c) => c.Out.Write(YamlText.From(data, colored: false)),
        ["yamlc"] = (data, _, c) => c.Out.Write(YamlText.From(data, colored: c.ColorAllowed)),
        ["table"] = (data, model, c) =>
        {
            using var table = new WrappingWriter(c.Out, c.TableWidth);
            if (model is Report report) ReportTable.Write(report, table, new Palette(c.UseColor));
            else if (model is Core.Explain.Explanation explanation) table.Write(ExplanationText.Table(explanation));
            else table.Write(GenericTable.Text(data, table.Width));
        },
        ["tsv"] = (data, _, c) => c.Out.Write(GenericTable.Tsv(data)),
        ["none"] = (_, _, _) => { },
        ["markdown"] = (data, model, c) =>
        {
            if (model is Report report) c.Out.Write(ReportMarkdown.Text(report));
            else if (model is Core.Explain.Explanation explanation) c.Out.Write(ExplanationText.Markdown(explanation));
            else c.Out.Write(GenericTable.Markdown(data));
        },
    };

    /// <param name="columnsByFormat">Columns a tabular format (table, tsv, markdown) shows when no --query reshapes the result, as az's table transformers.</param>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = NativeBuild.KeptForReflection)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = NativeBuild.KeptForReflection)]
    public static void Render(object result, OutputRequest request, CliConsole console, IReadOnlyDictionary<string, string[]>? columnsByFormat = null)
    {
        var json = JToken.FromObject(result, EvidenceJson.Serializer);
        var data = request.Query is null ? json : JToken.Parse(new JmesPath().Transform(json.ToString(Newtonsoft.Json.Formatting.None), request.Query) ?? "null");
        if (request.Query is null && columnsByFormat?.TryGetValue(request.Format, out var columns) == true) data = Project(data, columns);
        // A query reshapes the result, so the people-oriented layouts of the whole model no longer apply.
        Formats[request.Format](data, request.Query is null ? result : null, console);
    }

    private static JToken Project(JToken data, string[] columns) => data is JArray rows
        ? new JArray(rows.OfType<JObject>().Select(o => new JObject(columns.Where(c => o[c] is not null).Select(c => new JProperty(c, o[c])))))
        : data;
}
