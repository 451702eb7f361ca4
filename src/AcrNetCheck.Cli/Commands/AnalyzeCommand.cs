using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("analyze", Description = "Run every rule on an evidence bundle (from 'collect', a ticket, or samples/) and print the report.",
    ExtendedHelpText = """

Examples:
  Diagnose a bundled sample as a table:
    acr-netcheck analyze samples/private-endpoint-dns-not-linked.json -o table

  Only the ids of the findings, root cause first:
    acr-netcheck analyze samples/combined-multi-cause.json --query "findings[].id"

  Read the bundle from stdin and pipe the report to jq:
    cat bundle.json | acr-netcheck analyze - | jq '.findings[0].solution'

  Paste-ready markdown for a support ticket:
    acr-netcheck analyze bundle.json -o markdown > ticket.md
""")]
public sealed class AnalyzeCommand(CliConsole console) : ReportCommand(console)
{
    [Argument(0, Name = "bundle", Description = "Path of the evidence bundle (JSON), or - for stdin.")]
    public string? BundlePath { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var cancellationToken = Console.Cancellation;
        var output = ParseOutput();
        var failOn = ParseFailOn();
        if (string.IsNullOrEmpty(BundlePath)) throw new UsageException("analyze needs a bundle path (or - for stdin). See 'acr-netcheck analyze --help'.");

        var bundle = await ReadBundleAsync(BundlePath, cancellationToken);
        Log.Verbose($"analyzing {BundlePath} (schemaVersion {bundle.SchemaVersion})");

        var report = Analyzer.Analyze(bundle);
        OutputRenderer.Render(report, output, Console);
        return ExitCodeFor(report, failOn);
    }
}
