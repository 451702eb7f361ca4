using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Evidence;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options and the run of every command that reads one registry from Azure (diagnose, collect, logs): which registry,
/// where, plus <see cref="AzureCommand"/>'s cloud, credential and timeout. Subclasses say which collectors run.
/// </summary>
public abstract class AzureTargetCommand(CliConsole console) : AzureCommand(console)
{
    [Option("-n|--name", Description = "The registry: name (contoso), login server (contoso.azurecr.io) or resource id. Default: az configure --defaults acr.")]
    public string? Registry { get; set; }

    [Option("-g|--resource-group", Description = "Its resource group. Default: from the resource id, az configure --defaults group, else found by listing the subscription's registries.")]
    public string? ResourceGroup { get; set; }

    [Option("--subscription", Description = "Subscription id or name. Default: the Azure CLI's current subscription (az account set).")]
    public string? Subscription { get; set; }

    /// <summary>The collectors of a run, in order; may read ARM first to learn what to collect (e.g. an AKS cluster's subnets).</summary>
    protected abstract Task<IReadOnlyList<IEvidenceCollector>> CollectorsAsync(AzureSession session, CancellationToken cancellationToken);

    /// <summary>Checks the subclass's own options before any network call; throws <see cref="UsageException"/>.</summary>
    protected virtual void ValidateOptions() { }

    /// <summary>Checks every input (no network), signs in, resolves the registry, runs the collectors under --timeout.</summary>
    protected async Task<EvidenceBundle> CollectAsync()
    {
        var timeout = ParseTimeout();
        ValidateOptions();
        var plan = CollectionPlan.Prepare(new CollectionRequest
        {
            Registry = Registry, ResourceGroup = ResourceGroup, Subscription = Subscription, Cloud = Cloud, Auth = Auth,
        }, AzureCliConfig.Load(Console.Environment));

        using var deadline = new CollectionDeadline(timeout, Console.StartedAt, Console.Cancellation);
        var session = await AzureSession.OpenAsync(plan, Log, deadline);
        var context = new CollectionContext { Target = session.Target, Timeout = timeout, Log = Log };
        var collectors = await CollectorsAsync(session, deadline.Token);
        var bundle = await CollectionRunner.RunAsync(context, collectors, new ToolInfo { Version = RootCommand.Version }, deadline);
        AzureSession.ThrowIfRegistryMissing(bundle, plan);
        foreach (var error in bundle.CollectionErrors)
            Log.Warning($"could not read {error.Read} {error.ResourceId}: {(error.Status is { } s ? $"HTTP {s} " : "")}{error.ErrorCode} (needs {error.RequiredPermission ?? "-"})");
        return bundle;
    }
}
