using System.Globalization;
using System.Text;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Reporting;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// The report's paths as a Mermaid flowchart for a ticket (GitHub and Azure DevOps render it): from each source subnet
/// (the report's paths, from configuration) or from this client (each endpoint's probes) through every hop to the endpoint
/// and the registry. Each hop is coloured by the status the report gives it; the hop a path is blocked at is marked
/// <c>failing</c> and the edges after it are dotted. Nothing is judged here: the statuses are the report's.
/// </summary>
public static class ReportDiagram
{
    public const string FailingClass = "failing";

    private static readonly string[] ClassDefinitions =
    [
        "classDef ok fill:#e6f4ea,stroke:#1e8e3e,color:#0d652d",
        "classDef warning fill:#fef7e0,stroke:#f9ab00,color:#7a4f01",
        "classDef unknown fill:#f1f3f4,stroke:#9aa0a6,color:#3c4043,stroke-dasharray:4 3",
        "classDef skipped fill:#ffffff,stroke:#dadce0,color:#5f6368",
        "classDef blocked fill:#fce8e6,stroke:#d93025,color:#a50e0e",
        $"classDef {FailingClass} fill:#d93025,stroke:#a50e0e,color:#ffffff,stroke-width:3px",
        "classDef endpoint fill:#e8f0fe,stroke:#1a73e8,color:#174ea6",
    ];

    /// <summary>One chain: where it starts, its hops in order (label, status), the one it is blocked at, where it ends.</summary>
    private sealed record Chain(string From, IReadOnlyList<(string Label, StepStatus Status)> Hops, int? FailingHop, string To);

    /// <summary>The fenced ```mermaid block, or null when the report has neither paths nor probed endpoints.</summary>
    public static string? Mermaid(Report report)
    {
        var chains = Chains(report);
        if (chains.Count == 0) return null;
        var sb = new StringBuilder();
        sb.AppendLine("```mermaid").AppendLine("flowchart LR");
        foreach (var definition in ClassDefinitions) sb.AppendLine("  " + definition);

        // Ids are generated, never taken from names: a name is data and only ever appears inside an escaped label.
        var nodes = 0;
        string Node(string label, string shape, string cssClass)
        {
            var id = "n" + nodes++.ToString(CultureInfo.InvariantCulture);
            var (open, close) = shape switch { "registry" => ("[(", ")]"), "source" => ("([", "])"), _ => ("[", "]") };
            sb.AppendLine($"  {id}{open}\"{Label(label)}\"{close}:::{cssClass}");
            return id;
        }

        var r = report.Registry;
        var registry = Node($"registry {r.Name} ({r.LoginServer})", "registry", "endpoint");
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chain in chains)
        {
            if (!sources.TryGetValue(chain.From, out var previous)) sources[chain.From] = previous = Node(chain.From, "source", "ok");
            var stopped = false;
            for (var i = 0; i < chain.Hops.Count; i++)
            {
                var (label, status) = chain.Hops[i];
                var hop = Node($"{label} {PathStep.Mark(status)}", "hop", i == chain.FailingHop ? FailingClass : ClassOf(status));
                sb.AppendLine($"  {previous} {(stopped ? "-.->" : "-->")} {hop}");
                stopped |= i == chain.FailingHop;
                previous = hop;
            }
            var endpoint = Node(chain.To, "hop", "endpoint");
            sb.AppendLine($"  {previous} {(stopped ? "-.->" : "-->")} {endpoint}");
            sb.AppendLine($"  {endpoint} {(stopped ? "-.->" : "-->")} {registry}");
        }
        return sb.AppendLine("```").ToString();
    }

    private static List<Chain> Chains(Report report)
    {
        if (report.Paths.Count > 0)
            return report.Paths.Select(p => new Chain(
                $"subnet{(p.Sources.Count == 1 ? "" : "s")} {string.Join(", ", p.Sources)}",
                p.Steps.Select(s => (s.Label, s.Status)).ToList(),
                p.BlockedAt is { } at && p.Steps.ToList().FindIndex(s => s.Step == at) is var index and >= 0 ? index : null,
                Endpoint(p.Destination, p.Purpose))).ToList();

        var client = report.Vantage?.Hostname is { } host ? $"client {host}" : "this client";
        return report.Endpoints.Where(e => e.Probe is not null).Select(e =>
        {
            var hops = ProbeSummary.Hops(e.Probe!, e.PrivateEndpointAddresses).Select(h => (h.Label, h.Status)).ToList();
            var failing = hops.FindIndex(h => h.Status == StepStatus.Blocked);
            return new Chain(client, hops, failing >= 0 ? failing : null, Endpoint(e.Host, e.Purpose));
        }).ToList();
    }

    private static string Endpoint(string host, string purpose) => $"{host} ({purpose})";

    private static string ClassOf(StepStatus status) => status switch
    {
        StepStatus.Ok => "ok",
        StepStatus.Warning => "warning",
        StepStatus.Blocked => "blocked",
        StepStatus.Skipped => "skipped",
        _ => "unknown",
    };

    /// <summary>
    /// A label safe inside a quoted Mermaid label and inside the markdown fence: control characters are shown escaped
    /// (<see cref="DisplayText"/>), and anything but letters, digits, spaces and plain punctuation becomes a Mermaid entity
    /// code (#quot; style, by number), so a quote cannot end the label, a backtick cannot end the fence, and no markup or
    /// HTML is read from a name.
    /// </summary>
    public static string Label(string? value)
    {
        var text = DisplayText.Escape(value);
        var sb = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var plain = Rune.IsLetterOrDigit(rune) || rune.Value is ' ' or '.' or '-' or '_' or ':' or '/' or '(' or ')' or ',' or '@' or '+' or '=' or '\'' or '!' or '?' or '%' or '*'
                        || rune.Value is '→' or '✓' or '✗' or '⚠' or '–' or '·';
            if (plain) sb.Append(rune.ToString());
            else sb.Append('#').Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
        }
        return sb.ToString();
    }
}
