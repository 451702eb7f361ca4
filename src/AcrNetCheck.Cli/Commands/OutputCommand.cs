using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>The Azure CLI's global options, shared by every command that prints a result.</summary>
public abstract class OutputCommand(CliConsole console)
{
    protected CliConsole Console { get; } = console;

    [Option("-o|--output", Description = "Output format: json (default), jsonc, yaml, yamlc, table, tsv, none, markdown.")]
    public string Output { get; set; } = "json";

    [Option("--query", Description = "JMESPath query applied to the JSON result before rendering, e.g. \"findings[].id\".")]
    public string? Query { get; set; }

    [Option("--debug", Description = "Print diagnostic detail and stack traces to stderr.")]
    public bool Debug { get; set; }

    [Option("--verbose", Description = "Print progress to stderr.")]
    public bool Verbose { get; set; }

    [Option("--only-show-errors", Description = "Print only errors to stderr, no warnings.")]
    public bool OnlyShowErrors { get; set; }

    /// <summary>Checks -o and --query before any work is done, so a typo costs nothing.</summary>
    protected OutputRequest ParseOutput() => OutputRequest.Parse(Output, Query);

    protected CliLog Log => new(Console, Verbose || Debug, Debug, OnlyShowErrors);

    /// <summary>What Core is told about this run besides its arguments: the budget, when it began, the environment, the log.</summary>
    protected RunSettings RunSettings(TimeSpan timeout) => new()
    {
        Timeout = timeout, StartedAt = Console.StartedAt, Environment = Console.Environment, Log = Log, ToolVersion = RootCommand.Version,
    };
}
