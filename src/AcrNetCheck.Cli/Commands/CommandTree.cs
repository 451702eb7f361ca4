using McMaster.Extensions.CommandLineUtils;
using McMaster.Extensions.CommandLineUtils.Conventions;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The commands, built with their types named in code rather than found through McMaster's <c>[Subcommand]</c> and
/// constructor-injection conventions: those make generic methods at run time, which the Native AOT build (the installed
/// tool on linux-x64) cannot compile ahead of time. The attribute conventions that only read attributes stay.
/// </summary>
public static class CommandTree
{
    /// <summary>Each command by the name its <c>[Command]</c> attribute gives it, and whether it opens TLS connections.</summary>
    internal static readonly IReadOnlyList<(string Name, bool Connects, Action<CommandLineApplication, CliConsole> Add)> Commands =
    [
        ("analyze", false, (app, console) => Add(app, () => new AnalyzeCommand(console))),
        ("diagnose", true, (app, console) => Add(app, () => new DiagnoseCommand(console))),
        ("collect", true, (app, console) => Add(app, () => new CollectCommand(console))),
        ("probe", true, (app, console) => Add(app, () => new ProbeCommand(console))),
        ("logs", true, (app, console) => Add(app, () => new LogsCommand(console))),
        ("scan", true, (app, console) => Add(app, () => new ScanCommand(console))),
        ("rules", false, (app, console) => Add(app, () => new RulesCommand(console))),
        ("explain", false, (app, console) => Add(app, () => new ExplainCommand(console))),
        ("completion", false, (app, console) => Add(app, () => new CompletionCommand(console))),
    ];

    /// <summary>Whether the command line starts with a command that connects to Azure or a registry.</summary>
    public static bool Connects(IReadOnlyList<string> args) => args.Count > 0 && Commands.Any(c => c.Connects && c.Name == args[0]);

    public static CommandLineApplication<RootCommand> Build(CliConsole console, IReadOnlyList<string> args)
    {
        var app = new CommandLineApplication<RootCommand>(console) { ModelFactory = () => new RootCommand() };
        // Before the conventions: they bind each option to the parser of its type as they create it.
        CommandHelp.UseValueParsers(app);
        app.ValueParsers.ParseCulture = System.Globalization.CultureInfo.InvariantCulture;
        app.Conventions
            .AddConvention(new AttributeConvention())
            .UseCommandAttribute()
            .UseVersionOptionFromMemberAttribute()
            .UseVersionOptionAttribute()
            .UseHelpOptionAttribute()
            .UseOptionAttributes()
            .UseArgumentAttributes()
            .SetAppNameFromEntryAssembly()
            .SetRemainingArgsPropertyOnModel()
            .SetSubcommandPropertyOnModel()
            .SetParentPropertyOnModel()
            .UseOnExecuteMethodFromModel()
            .UseOnValidateMethodFromModel()
            .UseOnValidationErrorMethodFromModel()
            .UseDefaultHelpOption()
            .UseCommandNameFromModelType();

        // Reading a command's options from its attributes is most of the start-up: only the command the line names is
        // built. The root's help, a mistyped command's suggestions and the completion scripts need every command.
        var named = args.Count > 0 && args[0] != "completion" ? Commands.Where(c => c.Name == args[0]).ToList() : [];
        foreach (var command in named.Count == 1 ? named : Commands) command.Add(app, console);
        return app;
    }

    // A null name: the command's [Command] attribute names it, as the subcommand convention did.
    private static void Add<TCommand>(CommandLineApplication parent, Func<TCommand> create) where TCommand : class =>
        parent.Command<TCommand>(null!, command => command.ModelFactory = create);
}
