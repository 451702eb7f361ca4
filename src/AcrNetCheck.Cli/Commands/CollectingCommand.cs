using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options shared by <c>diagnose</c> and <c>collect</c> beyond the target's (<see cref="AzureTargetCommand"/>): where the
/// client is and which collectors gather the evidence. Both run the same collectors, so <c>collect</c> + <c>analyze</c> equals <c>diagnose</c>.
/// </summary>
public abstract class CollectingCommand(CliConsole console) : AzureTargetCommand(console)
{
    [Option("--from", Description = "Resource id of the client's subnet, or of a VNet (every subnet): read NSGs, route tables and VNets and judge the path from there.")]
    public string? From { get; set; }

    [Option("--aks", Description = "An AKS cluster (name in the subscription, or resource id): judge the path from its agent pools' subnets.")]
    public string? Aks { get; set; }

    [Option("--no-probes", Description = "Skip the client-side probes (DNS, TCP, TLS, /v2/, proxy) from this machine; judge from configuration only.")]
    public bool NoProbes { get; set; }

    [Option("--no-logs", Description = "Skip the registry's login events (Log Analytics); judge without the server's view of failed logins.")]
    public bool NoLogs { get; set; }

    [Option(SinceOption.Template, Description = SinceOption.Description)]
    public string? Since { get; set; }

    private VantageSource? _source;

    protected override void ValidateOptions()
    {
        _source = SourceOptions.Parse(From, Aks);
        SinceOption.Parse(Since);
    }

    /// <summary>The collectors of a run, in order. ARM comes first: later collectors (probes, logs) use what it finds.</summary>
    protected override async Task<IReadOnlyList<IEvidenceCollector>> CollectorsAsync(AzureSession session, CancellationToken cancellationToken)
    {
        var source = await SourceOptions.LocateAsync(_source, session.Reader, new ResourceId(session.Target.ResourceId!).SubscriptionId!, cancellationToken);
        var collectors = new List<IEvidenceCollector>
        {
            new ArmCollector(session.Reader, new ArmCollectorOptions { Source = source, ServiceTagCache = ServiceTagCacheFor(session) }),
        };
        if (!NoProbes) collectors.Add(new ProbeCollector(new ProbeOptions { Environment = Console.Environment }));
        if (!NoLogs) collectors.Add(LoginEventsCollector.For(session, SinceOption.Parse(Since)));
        return collectors;
    }

    private ServiceTagCache? ServiceTagCacheFor(AzureSession session) =>
        ServiceTagCache.DefaultDirectory(Console.Environment) is { } directory
            ? new ServiceTagCache(directory, session.Cloud.ResourceManager.Authority, ServiceTagCache.DefaultMaxAge, () => DateTimeOffset.UtcNow, Log)
            : null;
}
