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
        sb.AppendLine($"## acr-netcheck: {r.Name} (`{r.LoginServer}`) — {report.Status}");
        sb.AppendLine();
        sb.AppendLine($"{report.Summary.Errors} error(s), {report.Summary.Warnings} warning(s), {report.Summary.Info} info. " +
                      $"Checks: {report.Summary.Passed} passed, {report.Summary.Failed} failed, {report.Summary.Skipped} skipped.");
        if (report.Vantage is { } v) sb.AppendLine().AppendLine($"Vantage: {v.Kind}{(v.Hostname is { } h ? $" ({h})" : "")}");

        sb.AppendLine().AppendLine("### Endpoints").AppendLine().AppendLine("| host | purpose | region | private endpoint | probes |").AppendLine("|---|---|---|---|---|");
        foreach (var e in report.Endpoints)
            sb.AppendLine($"| `{e.Host}` | {e.Purpose} | {e.Region} | {string.Join(", ", e.PrivateEndpointAddresses)} | {e.ProbeSummary ?? "not probed"} |");

        if (report.Paths.Count > 0)
        {
            sb.AppendLine().AppendLine("### Paths from the source subnets").AppendLine().AppendLine("| from | to | verdict | steps |").AppendLine("|---|---|---|---|");
            foreach (var path in report.Paths)
                sb.AppendLine($"| {string.Join(", ", path.Sources)} | `{path.Destination}` | {path.Verdict.ToString().ToLowerInvariant()}{(path.RuleId is { } id ? $" (`{id}`)" : "")} | {string.Join(" · ", path.Steps.Select(s => s.Summary))} |");
        }

        sb.AppendLine().AppendLine("### Findings (root cause first)").AppendLine();
        if (report.Findings.Count == 0) sb.AppendLine("No problems found.");
        foreach (var f in report.Findings)
        {
            var consequence = f.ExplainedBy is { } parent ? $" — consequence of `{parent}`" : "";
            sb.AppendLine($"#### {f.Severity.ToString().ToLowerInvariant()}: `{f.Id}` — {f.Title}{consequence}").AppendLine();
            sb.AppendLine(f.Message).AppendLine();
            sb.AppendLine($"**Cause.** {f.Cause}").AppendLine();
            sb.AppendLine("**Solution.**").AppendLine();
            for (var i = 0; i < f.Solution.Count; i++) sb.AppendLine($"{i + 1}. {Code(f.Solution[i])}");
            sb.AppendLine().AppendLine("**Evidence.**").AppendLine();
            foreach (var e in f.Evidence)
                sb.AppendLine($"- `{e.Source}` `{e.Path}` = `{e.Observed}`{(e.Expected is { } x ? $" (expected `{x}`)" : "")}");
            sb.AppendLine().AppendLine($"Docs: {f.DocLink}").AppendLine();
        }

        if (report.CollectionErrors.Count > 0)
        {
            sb.AppendLine("### Could not collect").AppendLine();
            foreach (var e in report.CollectionErrors)
                sb.AppendLine($"- {e.Read}: {e.Status} {e.ErrorCode} {(e.RequiredPermission is { } p ? $"(needs `{p}`)" : "")}");
        }
        return sb.ToString();
    }

    /// <summary>Steps that are commands read best as code: "az …", "sudo …", "nslookup …".</summary>
    private static string Code(string step)
    {
        var colon = step.IndexOf(": ", StringComparison.Ordinal);
        var command = colon >= 0 ? step[(colon + 2)..] : step;
        var isCommand = command.StartsWith("az ") || command.StartsWith("sudo ") || command.StartsWith("nslookup ") || command.StartsWith("docker ");
        return isCommand ? (colon >= 0 ? $"{step[..colon]}: `{command}`" : $"`{command}`") : step;
    }
}
