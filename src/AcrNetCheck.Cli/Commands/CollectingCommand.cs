using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options and the run shared by <c>diagnose</c> and <c>collect</c>: which registry, where, as whom, for how long, and
/// the collectors that gather its evidence. Both run the same collectors, so <c>collect</c> + <c>analyze</c> equals <c>diagnose</c>.
/// </summary>
public abstract class CollectingCommand(CliConsole console) : AzureCommand(console)
{
    [Option("-n|--name", Description = "The registry: name (contoso), login server (contoso.azurecr.io) or resource id. Default: az configure --defaults acr.")]
    public string? Registry { get; set; }

    [Option("-g|--resource-group", Description = "Its resource group. Default: from the resource id, az configure --defaults group, else found by listing the subscription's registries.")]
    public string? ResourceGroup { get; set; }

    [Option("--subscription", Description = "Subscription id or name. Default: the Azure CLI's current subscription (az account set).")]
    public string? Subscription { get; set; }

    [Option("--from", Description = "Resource id of the client's subnet, or of a VNet (every subnet): read NSGs, route tables and VNets and judge the path from there.")]
    public string? From { get; set; }

    [Option("--aks", Description = "An AKS cluster (name in the subscription, or resource id): judge the path from its agent pools' subnets.")]
    public string? Aks { get; set; }

    [Option("--no-probes", Description = "Skip the client-side probes (DNS, TCP, TLS, /v2/, proxy) from this machine; judge from configuration only.")]
    public bool NoProbes { get; set; }

    /// <summary>The collectors of a run, in order. ARM comes first: later collectors (probes) use the endpoints it finds.</summary>
    private IReadOnlyList<IEvidenceCollector> Collectors(AzureSession session, VantageSource? source)
    {
        var collectors = new List<IEvidenceCollector> { new ArmCollector(session.Reader, new ArmCollectorOptions { Source = source }) };
        if (!NoProbes) collectors.Add(new ProbeCollector(new ProbeOptions { Environment = Console.Environment }));
        return collectors;
    }

    /// <summary>Checks every input (no network), signs in, resolves the registry, runs the collectors under --timeout.</summary>
    protected async Task<EvidenceBundle> CollectAsync()
    {
        var timeout = ParseTimeout();
        var source = SourceOptions.Parse(From, Aks);
        var plan = CollectionPlan.Prepare(new CollectionRequest
        {
            Registry = Registry, ResourceGroup = ResourceGroup, Subscription = Subscription, Cloud = Cloud, Auth = Auth,
        }, AzureCliConfig.Load(Console.Environment));

        using var deadline = new CollectionDeadline(timeout, Console.StartedAt, Console.Cancellation);
        var session = await AzureSession.OpenAsync(plan, Log, deadline);
        var context = new CollectionContext { Target = session.Target, Timeout = timeout, Log = Log };
        source = await SourceOptions.LocateAsync(source, session.Reader, new ResourceId(session.Target.ResourceId!).SubscriptionId!, deadline.Token);
        var bundle = await CollectionRunner.RunAsync(context, Collectors(session, source), new ToolInfo { Version = RootCommand.Version }, deadline);
        AzureSession.ThrowIfRegistryMissing(bundle, plan);
        foreach (var error in bundle.CollectionErrors)
            Log.Warning($"could not read {error.Read} {error.ResourceId}: {(error.Status is { } s ? $"HTTP {s} " : "")}{error.ErrorCode} (needs {error.RequiredPermission ?? "-"})");
        return bundle;
    }
}
