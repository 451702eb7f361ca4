using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>The Azure CLI's global options, shared by every command that prints a result.</summary>
public abstract class OutputCommand(CliConsole console)
{
    protected CliConsole Console { get; } = console;

    /// <summary>The -o values this command accepts, for its help and its checks.</summary>
    public virtual IReadOnlyList<string> OutputFormats => [.. OutputRenderer.Formats.Keys];

    /// <summary>A --query that fits this command's JSON result, for its help.</summary>
    public virtual string QueryExample => "findings[].id";

    // The description and the --query example are stated per command by CommandHelp (each command's own formats and result).
    [Option("-o|--output")]
    public string? Output { get; set; }

    [Option("--query")]
    public string? Query { get; set; }

    [Option("--debug", Description = "Print diagnostic detail and stack traces to stderr.")]
    public bool Debug { get; set; }

    [Option("--verbose", Description = "Print progress to stderr.")]
    public bool Verbose { get; set; }

    [Option("--only-show-errors", Description = "Print only errors to stderr, no warnings.")]
    public bool OnlyShowErrors { get; set; }

    /// <summary>Checks -o and --query before any work is done, so a typo costs nothing.</summary>
    protected OutputRequest ParseOutput() => OutputRequest.Parse(OutputFormat.Name, Query, OutputFormat.Source);

    /// <summary>-o, else the Azure CLI's core.output (AZURE_CORE_OUTPUT, then the config file), else json; with where a configured value came from.</summary>
    protected (string Name, string? Source) OutputFormat =>
        Output is not null ? (Output, null) : Console.Preferences.Output is { } configured ? (configured.Value, configured.Source) : ("json", null);

    /// <summary>--only-show-errors, or the Azure CLI's core.only_show_errors: no warnings, no progress.</summary>
    protected bool ShowOnlyErrors => OnlyShowErrors || Console.Preferences.OnlyShowErrors;

    protected CliLog Log => new(Console, Verbose || Debug, Debug, ShowOnlyErrors, _progress);

    private ReadingProgress? _progress;

    /// <summary>
    /// The progress line on stderr for a command that reads from Azure (shown only on a terminal, never with
    /// only-show-errors); every later <see cref="RunSettings"/> reports to it. Dispose it before writing the result.
    /// </summary>
    protected ReadingProgress StartProgress() => _progress = new ReadingProgress(Console, quiet: ShowOnlyErrors);

    /// <summary>What Core is told about this run besides its arguments: the budget, when it began, the environment, the log.</summary>
    protected RunSettings RunSettings(TimeSpan timeout) => new()
    {
        Timeout = timeout, StartedAt = Console.StartedAt, Environment = Console.Environment, Log = Log, ToolVersion = RootCommand.Version, Progress = _progress,
    };
}
