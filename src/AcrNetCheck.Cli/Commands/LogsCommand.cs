using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("logs", Description = "Print the registry's login events from Log Analytics, summarized by caller IP, identity and result (no other evidence is read).",
    ExtendedHelpText = """

Examples:
  The last 24 hours, one row per caller IP, identity and result:
    acr-netcheck logs -n contoso -o table

  The last 7 days; the refused callers only:
    acr-netcheck logs -n contoso --since 7d --query "groups[?resultType=='403']"

  The addresses that were refused, for a script:
    acr-netcheck logs -n contoso | jq -r '.groups[] | select(.resultType == "403") | .callerIpAddress'

  The KQL sent and every HTTP request on stderr (tokens redacted):
    acr-netcheck logs -n contoso --debug
""")]
public sealed class LogsCommand(CliConsole console) : AzureTargetCommand(console)
{
    public override string QueryExample => "groups[?resultType=='403'].callerIpAddress";

    [Option(SinceOption.Template, Description = SinceOption.Description)]
    public string? Since { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var output = ParseOutput();
        using var progress = StartProgress();
        var run = ParseRunSettings();
        var since = SinceOption.Parse(Since);
        var bundle = await DiagnosisService.CollectAsync(new DiagnosisRequest { Target = Target, Run = run, Since = since, Sources = EvidenceSources.LoginEvents }, Console.Cancellation);
        progress.Dispose();
        if (bundle.LoginEvents is null && bundle.CollectionErrors.Count == 0)
            Log.Warning("no diagnostic setting sends ContainerRegistryLoginEvents to a Log Analytics workspace: there are no login events to read (see 'acr-netcheck diagnose', rule logs.not-collected).");
        var result = LoginEventsOutput.From(bundle, since);
        // A table is of the groups, as az prints a list; json/yaml keep where they came from and what failed.
        var tabular = output.Format is "table" or "tsv" or "markdown" && output.Query is null;
        OutputRenderer.Render(tabular ? result.Groups : result, output, Console,
            new Dictionary<string, string[]> { ["table"] = LoginEventsOutput.GroupColumns, ["tsv"] = LoginEventsOutput.GroupColumns, ["markdown"] = LoginEventsOutput.GroupColumns });
        return ExitCodes.Ok;
    }
}
