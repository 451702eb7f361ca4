using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("scan", Description = "Diagnose every container registry the identity can read, from configuration, through Azure Resource Graph.",
    ExtendedHelpText = """

Examples:
  Every registry in every subscription you can read, worst first, one line each:
    acr-netcheck scan -o table

  Two subscriptions, production registries only, and the ids of the unhealthy ones:
    acr-netcheck scan --subscription <id> --subscription "Contoso Production" --query-filter "tags.env == 'prod'" -o jsonl | jq -r 'select(.status == "unhealthy") | .registry.id'

  A management group, with one bundle per registry to replay later with 'analyze':
    acr-netcheck scan --management-group mg-platform --out-dir bundles/
""")]
public sealed class ScanCommand(CliConsole console) : AzureCommand(console)
{
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

    /// <summary>Registries probed at the same time with --probe: each runs several DNS/TCP/TLS probes of its own.</summary>
    private const int ProbeParallelism = 4;

    private async Task<int> OnExecuteAsync()
    {
        var output = FleetOutput.ParseRequest(Output, Query);
        var failOn = FailOnOption.Parse(FailOn);
        var timeout = ParseTimeout();
        var filter = CheckedFilter();
        if (Subscriptions.Length > 0 && ManagementGroups.Length > 0)
            throw new UsageException("give --subscription or --management-group, not both: Resource Graph scopes a query by one or the other.");
        var config = AzureCliConfig.Load(Console.Environment);
        var cloud = config.ResolveCloud(Cloud);

        using var deadline = new CollectionDeadline(timeout, Console.StartedAt, Console.Cancellation);
        var connection = await ArmConnection.OpenAsync(cloud, AzureCredentials.Normalize(Auth), Log, deadline);
        var scope = await FleetScopeResolver.ResolveAsync(connection, Subscriptions, ManagementGroups, config, Log, deadline.Token);
        var graph = new ResourceGraphClient(connection.Reader.Pipeline, connection.Reader.Endpoint, Log);
        var options = new FleetScanOptions { Scope = scope, QueryFilter = filter, LoginServerSuffix = cloud.AcrLoginServerSuffix, ToolVersion = RootCommand.Version };
        var collector = new FleetCollector(graph, ArmBatchEndpointReader.For(connection.Reader, Log), options, Log);

        using var progress = new ScanProgress(Console, quiet: OnlyShowErrors);
        progress.Querying();
        var bundles = collector.CollectAsync(deadline.Token);
        if (Probe) bundles = new FleetProber(new ProbeOptions { Environment = Console.Environment }, deadline, ProbeParallelism, Log).ProbeAsync(bundles, Console.Cancellation);
        var directory = OutDir is null ? null : new BundleDirectory(OutDir);
        var reports = await FleetAnalyzer.AnalyzeAsync(bundles, directory is null ? null : directory.WriteAsync, progress, Console.Cancellation);
        progress.Dispose();

        foreach (var error in collector.ScanErrors) Log.Warning($"{error.Read} {error.ResourceId}: {error.ErrorCode} {error.Message}".TrimEnd());
        var notes = Probe ? [] : new[] { "Client-side probes were not run (configuration only); add --probe to run them from this machine." };
        var fleet = FleetReport.Create(reports, collector.ScanErrors, notes);
        FleetOutput.Render(fleet, output, Console);
        return FailOnOption.ExitCodeFor(fleet, failOn);
    }

    private string? CheckedFilter()
    {
        try { return QueryFilter is null ? null : Core.Collection.ResourceGraph.QueryFilter.Validate(QueryFilter); }
        catch (FormatException ex) { throw new UsageException(ex.Message); }
    }
}
