using System.Globalization;
using AcrNetCheck.Cli.Rendering;
using McMaster.Extensions.CommandLineUtils;
using McMaster.Extensions.CommandLineUtils.Abstractions;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// What help and parse errors say, stated once for every command: each option that takes a value shows a placeholder
/// (<c>--timeout &lt;SECONDS&gt;</c>), -o lists the formats that command accepts and where its default comes from, and
/// --query gives an example that fits that command's result (<see cref="OutputCommand.QueryExample"/>). Unknown commands
/// and options get "did you mean" suggestions.
/// </summary>
public static class CommandHelp
{
    // Placeholders say what kind of value is expected; an option not listed here shows its own name, upper-cased.
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["output"] = "FORMAT", ["query"] = "JMESPATH", ["timeout"] = "SECONDS", ["since"] = "DURATION", ["fail-on"] = "SEVERITY",
        ["name"] = "REGISTRY", ["resource-group"] = "GROUP", ["subscription"] = "ID|NAME", ["management-group"] = "ID",
        ["cloud"] = "CLOUD", ["auth"] = "CREDENTIAL", ["from"] = "RESOURCE-ID", ["aks"] = "CLUSTER", ["error"] = "TEXT",
        ["out"] = "FILE", ["out-dir"] = "DIR", ["bundle"] = "FILE", ["query-filter"] = "KQL", ["data-endpoint"] = "HOST",
        ["dns-server"] = "IP[:PORT]",
    };

    /// <summary>Applies the help text and suggestions to <paramref name="app"/> and every subcommand.</summary>
    public static void Apply(CommandLineApplication app)
    {
        app.MakeSuggestionsInErrorMessage = true;
        foreach (var option in app.Options.Where(o => o.OptionType != CommandOptionType.NoValue && string.IsNullOrEmpty(o.ValueName)))
            option.ValueName = Placeholders.GetValueOrDefault(option.LongName ?? "", (option.LongName ?? option.ShortName ?? "value").ToUpperInvariant());
        if ((app as IModelAccessor)?.GetModel() is OutputCommand command) Describe(app, command);
        foreach (var sub in app.Commands) Apply(sub);
    }

    private static void Describe(CommandLineApplication app, OutputCommand command)
    {
        foreach (var option in app.Options)
        {
            if (option.LongName == "output")
                option.Description = $"Output format. Allowed values: {string.Join(", ", command.OutputFormats)}. " +
                                     "Default: the Azure CLI's core.output (AZURE_CORE_OUTPUT, else az config), else json.";
            else if (option.LongName == "query")
                option.Description = $"JMESPath query applied to the JSON result before rendering, e.g. \"{command.QueryExample}\".";
            else if (option.LongName == "only-show-errors")
                option.Description = "Print only errors to stderr: no warnings, no progress. Also set by the Azure CLI's core.only_show_errors.";
        }
    }

    /// <summary>Parsers with messages that say what is expected; subcommands share the root's.</summary>
    public static void UseValueParsers(CommandLineApplication app)
    {
        app.ValueParsers.AddOrReplace(new WholeNumberParser());
        // McMaster finds an option's parser through GetParser<T> made at run time; Native AOT has code only for the
        // instantiations it saw at build time, so the value-type option types are named here (reference types share one).
        _ = app.ValueParsers.GetParser<bool>();
        _ = app.ValueParsers.GetParser<int>();
        _ = app.ValueParsers.GetParser<(bool HasValue, string? Value)>();
    }

    /// <summary>The help command a user should read after a mistake in <paramref name="command"/>'s arguments.</summary>
    public static string HelpCommandFor(CommandLineApplication? command)
    {
        var names = new List<string>();
        for (var c = command; c is not null; c = c.Parent) names.Insert(0, c.Name ?? "acr-netcheck");
        if (names.Count == 0) names.Add("acr-netcheck");
        return string.Join(' ', names) + " --help";
    }

    /// <summary>One line for a parse error: what was wrong, the nearest valid words, and the help to read.</summary>
    public static string ParseErrorLine(CommandParsingException error)
    {
        var message = error.Message.Split('\n')[0].Trim().TrimEnd('.');
        // McMaster names a suggested option without its dashes; it is shown as the user would type it.
        var typedOption = message.Contains("option '-", StringComparison.Ordinal);
        var suggestions = error is UnrecognizedCommandParsingException { NearestMatches: var matches }
            ? matches.Take(3).Select(m => typedOption && !m.StartsWith('-') ? (m.Length == 1 ? "-" : "--") + m : m).ToList()
            : [];
        var didYouMean = suggestions.Count == 0 ? "" : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
        return $"{message}.{didYouMean} See '{HelpCommandFor(error.Command)}'.";
    }

    /// <summary>
    /// Whole numbers only, and a message that says so (McMaster's says "not a valid number" for 0.5, which is a number):
    /// --timeout counts whole seconds.
    /// </summary>
    private sealed class WholeNumberParser : IValueParser<int>
    {
        public Type TargetType => typeof(int);

        public int Parse(string? argName, string? value, CultureInfo culture) =>
            int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number
            : throw new FormatException(argName == TimeoutOption.Template.TrimStart('-')
                ? $"{TimeoutOption.Template} '{value}' is not a whole number of seconds; give whole seconds, e.g. 30"
                : $"--{argName} '{value}' is not a whole number");

        object? IValueParser.Parse(string? argName, string? value, CultureInfo culture) => Parse(argName, value, culture);
    }
}
