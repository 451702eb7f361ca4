using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>A command whose result is a diagnosis report of a given bundle: adds --fail-on and the report's exit code.</summary>
public abstract class ReportCommand(CliConsole console) : OutputCommand(console)
{
    [Option(FailOnOption.Template, Description = FailOnOption.Description)]
    public string FailOn { get; set; } = "error";

    protected Severity? ParseFailOn() => FailOnOption.Parse(FailOn);

    /// <summary>Reads and validates a bundle from a file, or from stdin for "-"; a missing or malformed one is a usage error.</summary>
    protected async Task<EvidenceBundle> ReadBundleAsync(string path, CancellationToken cancellationToken)
    {
        // Streamed and capped (EvidenceLoader.MaxBundleChars): stdin may be endless (yes |), a path may be /dev/zero.
        if (path == "-") return await Task.Run(() => EvidenceLoader.Read(Console.In, "stdin"), cancellationToken);
        if (Directory.Exists(path)) throw new UsageException($"{path} is a directory; give the path of an evidence bundle file (JSON), or - for stdin.");
        if (!File.Exists(path)) throw new UsageException($"bundle file not found: {path}");
        return await Task.Run(() => EvidenceLoader.Load(path), cancellationToken);
    }

    protected static int ExitCodeFor(Report report, Severity? failOn) => FailOnOption.ExitCodeFor(report, failOn);
}
