using AcrNetCheck.Core.Reporting;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>The fleet for people: one line per registry, worst first, with the finding to fix first; then the totals.</summary>
public static class FleetTable
{
    private static readonly string[] Headers = ["Name", "Subscription", "Status", "First finding", "Errors", "Warnings", "Info"];

    public static void Write(FleetReport fleet, TextWriter w, Palette p)
    {
        var rows = fleet.Registries.Select(r => new[]
        {
            DisplayText.Escape(r.Name), DisplayText.Escape(r.Subscription), DisplayText.Escape(r.Status), DisplayText.Escape(r.FirstFinding ?? "-"),
            r.Errors.ToString(), r.Warnings.ToString(), r.Info.ToString(),
        }).ToList();
        var widths = Headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();

        w.WriteLine(p.Bold(Line(Headers, widths)));
        w.WriteLine(p.Dim(string.Join("  ", widths.Select(n => new string('-', n)))));
        foreach (var (row, registry) in rows.Zip(fleet.Registries))
        {
            var line = Line(row, widths);
            w.WriteLine(registry.Errors > 0 ? p.Red(line) : registry.Warnings > 0 ? p.Yellow(line) : registry.Status == ReportStatus.Incomplete ? p.Dim(line) : line);
        }

        var s = fleet.Summary;
        w.WriteLine();
        w.WriteLine($"{s.Registries} registr{(s.Registries == 1 ? "y" : "ies")}: {s.Unhealthy} unhealthy, {s.Incomplete} incomplete, {s.Healthy} healthy · " +
                    $"{s.Errors} error(s), {s.Warnings} warning(s), {s.Info} info");
        foreach (var note in fleet.Notes) w.WriteLine(p.Dim("note: " + DisplayText.Escape(note)));
        if (fleet.CollectionErrors.Count > 0)
            w.WriteLine(p.Yellow($"{fleet.CollectionErrors.Count} read(s) failed for the whole scan: -o json shows each report's collectionErrors, stderr the scan's"));
    }

    // Counts right-aligned, text left-aligned, as az table output does.
    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => i >= 4 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd();
}
