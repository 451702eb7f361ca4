using System.Text;
using AcrNetCheck.Core.Reporting;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>The report as markdown, to paste into a support ticket or a pull request.</summary>
public static class ReportMarkdown
{
    public static string Text(Report report)
    {
        var sb = new StringBuilder();
        var r = report.Registry;
        sb.AppendLine($"## acr-netcheck: {Text(r.Name)} ({Code(r.LoginServer)}) — {Text(report.Status)}");
        sb.AppendLine();
        sb.AppendLine($"{report.Summary.Errors} error(s), {report.Summary.Warnings} warning(s), {report.Summary.Info} info. " +
                      $"Checks: {report.Summary.Passed} passed, {report.Summary.Failed} failed, {report.Summary.Skipped} skipped.");
        if (report.Vantage is { } v) sb.AppendLine().AppendLine($"Vantage: {Text(v.Kind)}{(v.Hostname is { } h ? $" ({Text(h)})" : "")}");

        sb.AppendLine().AppendLine("### Endpoints").AppendLine().AppendLine("| host | purpose | region | private endpoint | probes |").AppendLine("|---|---|---|---|---|");
        foreach (var e in report.Endpoints)
            sb.AppendLine($"| {CellCode(e.Host)} | {Cell(e.Purpose)} | {Cell(e.Region)} | {Cell(string.Join(", ", e.PrivateEndpointAddresses))} | {Cell(e.ProbeSummary ?? "not probed")} |");

        if (ReportDiagram.Mermaid(report) is { } diagram)
            sb.AppendLine().AppendLine(report.Paths.Count > 0 ? "### The path from each source subnet" : "### The path from this client").AppendLine().Append(diagram);

        if (report.Paths.Count > 0)
        {
            sb.AppendLine().AppendLine("### Paths from the source subnets").AppendLine().AppendLine("| from | to | verdict | steps |").AppendLine("|---|---|---|---|");
            foreach (var path in report.Paths)
                sb.AppendLine($"| {Cell(string.Join(", ", path.Sources))} | {CellCode(path.Destination)} | {path.Verdict.ToString().ToLowerInvariant()}{(path.RuleId is { } id ? $" ({CellCode(id)})" : "")} | {Cell(string.Join(" · ", path.Steps.Select(s => s.Summary)))} |");
        }

        sb.AppendLine().AppendLine("### Findings (root cause first)").AppendLine();
        if (report.Findings.Count == 0) sb.AppendLine("No problems found.");
        foreach (var f in report.Findings)
        {
            var consequence = f.ExplainedBy is { } parent ? $" — consequence of {Code(parent)}" : "";
            sb.AppendLine($"#### {f.Severity.ToString().ToLowerInvariant()}: {Code(f.Id)} — {Text(f.Title)}{consequence}").AppendLine();
            sb.AppendLine(Text(f.Message)).AppendLine();
            sb.AppendLine($"**Cause.** {Text(f.Cause)}").AppendLine();
            sb.AppendLine("**Solution.**").AppendLine();
            for (var i = 0; i < f.Solution.Count; i++) sb.AppendLine($"{i + 1}. {Step(f.Solution[i])}");
            sb.AppendLine().AppendLine("**Evidence.**").AppendLine();
            foreach (var e in f.Evidence)
                sb.AppendLine($"- {Code(e.Source)} {Code(e.Path)} = {Code(e.Observed)}{(e.Expected is { } x ? $" (expected {Code(x)})" : "")}");
            sb.AppendLine().AppendLine($"Docs: {Text(f.DocLink)}").AppendLine();
        }

        if (report.CollectionErrors.Count > 0)
        {
            sb.AppendLine("### Could not collect").AppendLine();
            foreach (var e in report.CollectionErrors)
                sb.AppendLine($"- {Text(e.Read)}: {e.Status} {Text(e.ErrorCode)} {(e.RequiredPermission is { } p ? $"(needs {Code(p)})" : "")}");
        }
        return sb.ToString();
    }

    /// <summary>Steps that are commands read best as code: "az …", "sudo …", "nslookup …".</summary>
    private static string Step(string step)
    {
        var colon = step.IndexOf(": ", StringComparison.Ordinal);
        var command = colon >= 0 ? step[(colon + 2)..] : step;
        var isCommand = command.StartsWith("az ") || command.StartsWith("sudo ") || command.StartsWith("nslookup ") || command.StartsWith("docker ");
        return isCommand ? (colon >= 0 ? $"{Text(step[..colon])}: {Code(command)}" : Code(command)) : Text(step);
    }

    // Every value from the report goes through one of these: it may come from Azure or login events (DisplayText says why).
    private static string Text(string? value) => DisplayText.MarkdownText(value);
    private static string Code(string? value) => DisplayText.MarkdownCode(value);
    private static string Cell(string? value) => DisplayText.MarkdownCell(value);
    private static string CellCode(string? value) => DisplayText.MarkdownCode(value, inTable: true);
}
