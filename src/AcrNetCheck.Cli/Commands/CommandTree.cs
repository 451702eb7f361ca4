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
    public static CommandLineApplication<RootCommand> Build(CliConsole console)
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

        Add(app, () => new AnalyzeCommand(console));
        Add(app, () => new DiagnoseCommand(console));
        Add(app, () => new CollectCommand(console));
        Add(app, () => new ProbeCommand(console));
        Add(app, () => new LogsCommand(console));
        Add(app, () => new ScanCommand(console));
        Add(app, () => new RulesCommand(console));
        Add(app, () => new ExplainCommand(console));
        Add(app, () => new CompletionCommand(console));
        return app;
    }

    // A null name: the command's [Command] attribute names it, as the subcommand convention did.
    private static void Add<TCommand>(CommandLineApplication parent, Func<TCommand> create) where TCommand : class =>
        parent.Command<TCommand>(null!, command => command.ModelFactory = create);
}
