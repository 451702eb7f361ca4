using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Evidence;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options and the run of every command that reads a registry from Azure (diagnose, collect, logs): which registry,
/// where, as whom, for how long. Subclasses say which collectors run.
/// </summary>
public abstract class AzureTargetCommand(CliConsole console) : OutputCommand(console)
{
    [Option("-n|--name", Description = "The registry: name (contoso), login server (contoso.azurecr.io) or resource id. Default: az configure --defaults acr.")]
    public string? Registry { get; set; }

    [Option("-g|--resource-group", Description = "Its resource group. Default: from the resource id, az configure --defaults group, else found by listing the subscription's registries.")]
    public string? ResourceGroup { get; set; }

    [Option("--subscription", Description = "Subscription id or name. Default: the Azure CLI's current subscription (az account set).")]
    public string? Subscription { get; set; }

    [Option("--cloud", Description = "AzureCloud, AzureChinaCloud, AzureUSGovernment or a cloud registered with az cloud register. Default: the Azure CLI's active cloud.")]
    public string? Cloud { get; set; }

    [Option("--auth", Description = "Credential: auto (default: environment, workload identity, managed identity, Azure CLI, Azure Developer CLI), environment, workload-identity, managed-identity, azure-cli, azure-developer-cli.")]
    public string? Auth { get; set; }

    [Option("--timeout", Description = "Seconds the whole run may take (default 60); reads still pending then are reported as collection errors.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The collectors of a run, in order.</summary>
    protected abstract IReadOnlyList<IEvidenceCollector> Collectors(AzureSession session);

    /// <summary>Checks the subclass's own options before any network call; throws <see cref="UsageException"/>.</summary>
    protected virtual void ValidateOptions() { }

    /// <summary>Checks every input (no network), signs in, resolves the registry, runs the collectors under --timeout.</summary>
    protected async Task<EvidenceBundle> CollectAsync()
    {
        if (TimeoutSeconds <= 0) throw new UsageException($"--timeout must be a positive number of seconds, not {TimeoutSeconds}.");
        ValidateOptions();
        var plan = CollectionPlan.Prepare(new CollectionRequest
        {
            Registry = Registry, ResourceGroup = ResourceGroup, Subscription = Subscription, Cloud = Cloud, Auth = Auth,
        }, AzureCliConfig.Load(Console.Environment));

        var timeout = TimeSpan.FromSeconds(TimeoutSeconds);
        using var deadline = new CollectionDeadline(timeout, Console.StartedAt, Console.Cancellation);
        var session = await AzureSession.OpenAsync(plan, Log, deadline);
        var context = new CollectionContext { Target = session.Target, Timeout = timeout, Log = Log };
        var bundle = await CollectionRunner.RunAsync(context, Collectors(session), new ToolInfo { Version = RootCommand.Version }, deadline);
        AzureSession.ThrowIfRegistryMissing(bundle, plan);
        foreach (var error in bundle.CollectionErrors)
            Log.Warning($"could not read {error.Read} {error.ResourceId}: {(error.Status is { } s ? $"HTTP {s} " : "")}{error.ErrorCode} (needs {error.RequiredPermission ?? "-"})");
        return bundle;
    }
}
