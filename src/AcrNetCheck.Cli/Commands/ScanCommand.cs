using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("scan", Description = "Diagnose every container registry the identity can read, from configuration, through Azure Resource Graph.",
    ExtendedHelpText = """

Examples:
  Every registry in every subscription you can read, worst first, one line each:
    acr-netcheck scan -o table

  Two subscriptions, production registries only, and the ids of the unhealthy ones:
    acr-netcheck scan --subscription "<id>" --subscription "Contoso Production" --query-filter "tags.env == 'prod'" -o jsonl | jq -r 'select(.status == "unhealthy") | .registry.id'

  A management group, with one bundle per registry to replay later with 'analyze':
    acr-netcheck scan --management-group mg-platform --out-dir bundles/
""")]
public sealed class ScanCommand(CliConsole console) : AzureCommand(console)
{
    public override IReadOnlyList<string> OutputFormats => FleetOutput.FormatNames;
    public override string QueryExample => "[?status=='unhealthy'].registry.name";

    [Option("--subscription", CommandOptionType.MultipleValue, Description = "Subscription id or name to scan (repeatable). Default: every subscription the identity can list.")]
    public string[] Subscriptions { get; set; } = [];

    [Option("--management-group", CommandOptionType.MultipleValue, Description = "Management group id to scan instead of subscriptions (repeatable).")]
    public string[] ManagementGroups { get; set; } = [];

    [Option("--query-filter", Description = "KQL condition over the registry rows, e.g. \"tags.env == 'prod'\" or \"name startswith 'acrprod'\".")]
    public string? QueryFilter { get; set; }

    [Option("--out-dir", Description = "Also write each registry's evidence bundle to <dir>/<registry>.json (replay with 'analyze').")]
    public string? OutDir { get; set; }

    [Option("--probe", Description = "Also run the client-side probes (DNS, TCP, TLS, /v2/) from this machine for every registry, a few at a time.")]
    public bool Probe { get; set; }

    [Option(FailOnOption.Template, Description = FailOnOption.Description)]
    public string FailOn { get; set; } = "error";

    private async Task<int> OnExecuteAsync()
    {
        var output = FleetOutput.ParseRequest(OutputFormat.Name, Query, OutputFormat.Source);
        var failOn = FailOnOption.Parse(FailOn);
        var run = ParseRunSettings();
        var filter = CheckedFilter();
        if (Subscriptions.Length > 0 && ManagementGroups.Length > 0)
            throw new UsageException("give --subscription or --management-group, not both: Resource Graph scopes a query by one or the other.");
        var directory = OutDir is null ? null : new BundleDirectory(OutputDestination.CheckDirectory("--out-dir", OutDir));

        using var progress = new ScanProgress(Console, quiet: ShowOnlyErrors);
        progress.Querying();
        var fleet = await DiagnosisService.ScanAsync(new ScanRequest
        {
            Run = run, Cloud = Cloud, Auth = Auth, Subscriptions = Subscriptions, ManagementGroups = ManagementGroups, QueryFilter = filter,
            Probe = Probe, OnBundle = directory is null ? null : directory.WriteAsync, Progress = progress,
        }, Console.Cancellation);
        progress.Dispose();

        FleetOutput.Render(fleet, output, Console);
        return FailOnOption.ExitCodeFor(fleet, failOn);
    }

    private string? CheckedFilter()
    {
        try { return QueryFilter is null ? null : Core.Collection.ResourceGraph.QueryFilter.Validate(QueryFilter); }
        catch (FormatException ex) { throw new UsageException(ex.Message); }
    }
}
