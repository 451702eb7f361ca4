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

    protected static int ExitCodeFor(Report report, Severity? failOn) => FailOnOption.ExitCodeFor(report, failOn);
}
