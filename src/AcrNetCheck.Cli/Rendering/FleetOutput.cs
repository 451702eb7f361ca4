using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using DevLab.JmesPath;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// What <c>scan</c> prints: <c>-o table</c> one line per registry, <c>-o jsonl</c> one report per line (for streaming into
/// other tools; --query applies to each report), and every other <see cref="OutputRenderer"/> format over the list of
/// reports. <c>jsonl</c> is a valid -o value for scan only, so it lives here and not in the shared dictionary.
/// </summary>
public static class FleetOutput
{
    public const string JsonLines = "jsonl";

    public static IReadOnlyList<string> FormatNames { get; } = [.. OutputRenderer.Formats.Keys, JsonLines];

    /// <summary>Like <see cref="OutputRequest.Parse"/>, accepting <c>jsonl</c> too; a bad value or query is a usage error.</summary>
    public static OutputRequest ParseRequest(string format, string? query, string? source = null)
    {
        if (!format.Equals(JsonLines, StringComparison.OrdinalIgnoreCase))
        {
            if (!OutputRenderer.Formats.ContainsKey(format.ToLowerInvariant())) throw OutputRequest.NotAFormat(format, source, FormatNames);
            return OutputRequest.Parse(format, query, source);
        }
        return OutputRequest.Parse("json", query) with { Format = JsonLines };
    }

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = NativeBuild.KeptForReflection)]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = NativeBuild.KeptForReflection)]
    public static void Render(FleetReport fleet, OutputRequest request, CliConsole console)
    {
        switch (request.Format)
        {
            case JsonLines:
                var jmes = request.Query is null ? null : new JmesPath();
                foreach (var report in fleet.Reports)
                {
                    var json = JToken.FromObject(report, EvidenceJson.Serializer).ToString(Formatting.None);
                    console.Out.WriteLine(jmes is null ? json : JToken.Parse(jmes.Transform(json, request.Query!) ?? "null").ToString(Formatting.None));
                }
                break;
            // The default format, streamed: the whole list as one document would hold the fleet's output several times over.
            case "json" when request.Query is null:
                JsonText.WritePlainArray(fleet.Reports, console.Out);
                break;
            case "none" when request.Query is null:
                break;
            case "table" when request.Query is null:
                using (var table = new WrappingWriter(console.Out, console.TableWidth)) FleetTable.Write(fleet, table, new Palette(console.UseColor));
                break;
            default:
                OutputRenderer.Render(fleet.Reports, request, console);
                break;
        }
    }
}
