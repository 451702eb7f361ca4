using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>A command whose result is a diagnosis report: adds --fail-on and the report's exit code.</summary>
public abstract class ReportCommand(CliConsole console) : OutputCommand(console)
{
    [Option("--fail-on", Description = "Lowest finding severity that makes the exit code 3: error (default), warning, none.")]
    public string FailOn { get; set; } = "error";

    protected Severity? ParseFailOn() => FailOn.ToLowerInvariant() switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "none" => null,
        _ => throw new UsageException($"--fail-on '{FailOn}' is not valid; use one of: error, warning, none."),
    };

    /// <summary>Reads and validates a bundle from a file, or from stdin for "-"; a missing or malformed one is a usage error.</summary>
    protected async Task<EvidenceBundle> ReadBundleAsync(string path, CancellationToken cancellationToken)
    {
        if (path == "-") return EvidenceLoader.Parse(await Console.In.ReadToEndAsync(cancellationToken), "stdin");
        if (!File.Exists(path)) throw new UsageException($"bundle file not found: {path}");
        return EvidenceLoader.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
    }

    /// <summary>Computed from the report before rendering, so -o none still tells a script the verdict.</summary>
    protected static int ExitCodeFor(Report report, Severity? failOn) =>
        failOn is { } threshold && report.Findings.Any(f => f.Severity >= threshold) ? ExitCodes.ProblemsFound : ExitCodes.Ok;
}
