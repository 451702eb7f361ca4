using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>The report for people: verdict, endpoints with what the probes saw, then findings root cause first with the first fix.</summary>
public static class ReportTable
{
    /// <summary>Every value from the report is escaped: it may come from Azure or login events (<see cref="DisplayText"/>).</summary>
    private static string T(string? value) => DisplayText.Escape(value);

    public static void Write(Report report, TextWriter w, Palette p)
    {
        var r = report.Registry;
        w.WriteLine(p.Bold($"{T(r.Name)} ({T(r.LoginServer)})") + Facts(r));
        var status = report.Status.ToUpperInvariant();
        var s = report.Summary;
        w.WriteLine($"Status: {(report.Status == ReportStatus.Healthy ? p.Green(status) : report.Status == ReportStatus.Unhealthy ? p.Red(status) : p.Yellow(status))}" +
                    $" · {s.Errors} error(s), {s.Warnings} warning(s), {s.Info} info · checks: {s.Passed} passed, {s.Failed} failed, {s.Skipped} skipped" +
                    (s.Errored > 0 ? $", {s.Errored} errored" : ""));
        if (report.Vantage is { } v)
            w.WriteLine($"Vantage: {T(v.Kind)}{(v.Hostname is { } h ? $" ({T(h)})" : "")}{(v.PublicIp is { } ip ? $", public IP {T(ip)}" : "")}{(v.Source is { } src ? $", {T(src.Kind)} {T(src.Id)} ({v.SourceSubnetIds?.Count ?? 1} subnet(s))" : v.SubnetId is { } sn ? $", subnet {T(sn)}" : "")}");
        foreach (var note in report.Vantage?.Notes ?? []) w.WriteLine(p.Dim("  note: " + T(note)));

        WriteEndpoints(report, w, p);
        WritePaths(report, w, p);
        WriteFindings(report, w, p);
        WriteCollectionErrors(report, w, p);
    }

    private static string Facts(RegistrySummary r)
    {
        var facts = new List<string?> { r.Sku, r.Location,
            r.PublicNetworkAccess is { } pna ? $"public access {pna}" : null,
            r.DefaultAction is { } da ? $"default action {da}" : null,
            r.PrivateEndpoints.Count > 0 ? $"{r.PrivateEndpoints.Count} private endpoint(s)" : null,
            r.Regions.Count > 1 ? $"replicas: {string.Join(", ", r.Regions)}" : null };
        var present = facts.OfType<string>().ToList();
        return present.Count == 0 ? "" : " · " + T(string.Join(" · ", present));
    }

    private static void WriteEndpoints(Report report, TextWriter w, Palette p)
    {
        if (report.Endpoints.Count == 0) return;
        w.WriteLine();
        w.WriteLine(p.Bold("Endpoints a client must reach"));
        var hostWidth = report.Endpoints.Max(e => T(e.Host).Length);
        var purposeWidth = report.Endpoints.Max(e => Purpose(e).Length);
        foreach (var e in report.Endpoints)
        {
            var seen = e.ProbeSummary ?? (e.PrivateEndpointAddresses.Count > 0 ? $"private endpoint {string.Join(", ", e.PrivateEndpointAddresses)}; not probed" : "not probed");
            w.WriteLine($"  {T(e.Host).PadRight(hostWidth)}  {Purpose(e).PadRight(purposeWidth)}  {p.Dim(T(seen))}");
        }
    }

    private static void WritePaths(Report report, TextWriter w, Palette p)
    {
        if (report.Paths.Count == 0) return;
        w.WriteLine();
        w.WriteLine(p.Bold("Paths from the source subnets (from configuration)"));
        foreach (var path in report.Paths)
            w.WriteLine("  " + (path.Verdict == PathVerdict.Reachable ? T(path.Summary) : path.Verdict == PathVerdict.Blocked ? p.Red(T(path.Summary)) : p.Yellow(T(path.Summary))));
        w.WriteLine(p.Dim("  Steps and evidence: -o json | jq '.paths[]'"));
    }

    private static void WriteFindings(Report report, TextWriter w, Palette p)
    {
        w.WriteLine();
        if (report.Findings.Count == 0)
        {
            w.WriteLine(p.Green("No problems found.") + (report.Summary.Skipped > 0 ? p.Dim($" {report.Summary.Skipped} check(s) skipped for lack of evidence: --query \"checks[?outcome=='skipped']\" says why.") : ""));
            return;
        }
        w.WriteLine(p.Bold("Findings (root cause first)"));
        foreach (var f in report.Findings)
        {
            var nested = f.ExplainedBy is not null;
            var indent = "  " + new string(' ', 4 * f.Depth);
            var label = p.Severity(f.Severity, f.Severity.ToString().ToUpperInvariant().PadRight(7));
            w.WriteLine($"{indent}{(nested ? p.Dim("└ consequence: ") : "")}{label} {p.Bold(T(f.Id))}  {T(f.Title)}");
            w.WriteLine($"{indent}        {T(f.Message)}");
            if (nested) continue;
            // A fix of several commands (remove the stale record, then add the right one) is shown whole, in order.
            var steps = f.Solution.Take(Math.Max(1, f.OwnSteps)).ToList();
            if (steps.Count == 1) w.WriteLine($"{indent}        {p.Green("Fix:")} {T(steps[0])}");
            else for (var i = 0; i < steps.Count; i++) w.WriteLine($"{indent}        {p.Green($"Fix {i + 1}/{steps.Count}:")} {T(steps[i])}");
            w.WriteLine($"{indent}        {p.Dim("Docs: " + T(f.DocLink))}");
        }
        w.WriteLine(p.Dim("  All steps and evidence: -o json | jq '.findings[]'"));
    }

    private static string Purpose(EndpointReport e) => T(e.Region is null ? e.Purpose : $"{e.Purpose} ({e.Region})");

    private static void WriteCollectionErrors(Report report, TextWriter w, Palette p)
    {
        if (report.CollectionErrors.Count == 0) return;
        w.WriteLine();
        w.WriteLine(p.Yellow("Could not collect (checks that needed it were skipped)"));
        foreach (var e in report.CollectionErrors)
            w.WriteLine($"  {T(e.Read)}: {(e.Status is { } st ? $"HTTP {st} " : "")}{T(e.ErrorCode)}{(e.RequiredPermission is { } perm ? $" — needs {T(perm)}" : "")}{(e.ResourceId is { } id ? p.Dim($" ({T(id)})") : "")}");
    }
}
