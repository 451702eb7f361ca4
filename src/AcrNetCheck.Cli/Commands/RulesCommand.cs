using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("rules", Description = "List the cause catalog: every rule with its id, severity, area, title, symptoms and doc link.",
    ExtendedHelpText = """

Examples:
  The catalog as a table:
    acr-netcheck rules -o table

  The ids of the error-level rules:
    acr-netcheck rules --query "[?severity=='error'].id"

  The catalog table README shows:
    acr-netcheck rules -o markdown
""")]
public sealed class RulesCommand(CliConsole console) : OutputCommand(console)
{
    public override string QueryExample => "[?severity=='error'].id";

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["table"] = ["id", "severity", "area", "title"],
        ["tsv"] = ["id", "severity", "area", "title"],
        ["markdown"] = ["id", "severity", "area", "title", "docLink"],
    };

    private int OnExecute()
    {
        var output = ParseOutput();
        OutputRenderer.Render(RuleCatalogDocument.From(RuleCatalog.All), output, Console, Columns);
        return ExitCodes.Ok;
    }
}
