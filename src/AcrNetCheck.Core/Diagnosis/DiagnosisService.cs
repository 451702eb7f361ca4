using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>
/// The one entry point the commands call: each method takes the parsed arguments and the caller's token (Ctrl+C, SIGTERM),
/// derives the run's <see cref="CollectionDeadline"/> from --timeout, wires the collectors and returns the bundle or report.
/// Everything that can be checked without the network is checked first.
/// </summary>
public static class DiagnosisService
{
    /// <summary><c>diagnose</c>: the registry's evidence from Azure, analyzed.</summary>
    public static async Task<Report> DiagnoseAsync(DiagnosisRequest request, CancellationToken cancellationToken)
    {
        var bundle = await CollectAsync(request, cancellationToken, warmUpAnalysis: true).ConfigureAwait(false);
        if (request.ReportedError is { } reported) Explain.ReportedError.AddTo(bundle, reported);
        return Analyzer.Analyze(bundle);
    }

    /// <summary><c>collect</c> and <c>logs</c>: signs in, resolves the registry and reads the requested sources under --timeout.</summary>
    public static Task<EvidenceBundle> CollectAsync(DiagnosisRequest request, CancellationToken cancellationToken) =>
        CollectAsync(request, cancellationToken, warmUpAnalysis: false);

    /// <param name="warmUpAnalysis">
    /// Analyze a made-up bundle (<see cref="AnalysisWarmUp"/>) once the connection to ARM is open: the analysis's first use
    /// (the rule catalog, the rules' code compiled) is CPU that would otherwise come after the last read; done while the
    /// reads wait on the network it is off the critical path, and started after the TLS handshake it does not slow that.
    /// </param>
    private static async Task<EvidenceBundle> CollectAsync(DiagnosisRequest request, CancellationToken cancellationToken, bool warmUpAnalysis)
    {
        var run = request.Run;
        var plan = CollectionPlan.Prepare(request.Target, AzureCliConfig.Load(run.Environment));
        using var deadline = new CollectionDeadline(run.Timeout, run.StartedAt, cancellationToken);
        // Probes from here, ready before sign-in; a pull test needs the signed-in identity, so its probes wait for the session.
        var probes = request.Sources.HasFlag(EvidenceSources.Probes) && !request.RemoteProbe && request.PullTest is null
            ? new ProbeCollector(new ProbeOptions { Environment = run.Environment })
            : null;
        // A login server given as such needs nothing from Azure to be probed: it is, while signing in.
        if (probes is not null && RegistryReference.LoginServerIn(request.Target.Registry ?? plan.Config.DefaultRegistry) is { } loginServer)
            probes.StartEarly(loginServer, deadline);

        var connection = await Reading(run, $"signing in to {plan.Cloud.Name}", () => SetupFailures.GuardAsync($"signing in to {plan.Cloud.Name}",
            () => ArmConnection.OpenAsync(plan.Cloud, plan.Auth, run.Log, deadline), deadline)).ConfigureAwait(false);
        if (warmUpAnalysis) _ = connection.Connected.ContinueWith(_ => AnalysisWarmUp.Run(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        Task<VantageSource?> source = Task.FromResult(request.Source);
        var session = await Reading(run, $"finding the registry '{plan.Registry.Name}'", () => SetupFailures.GuardAsync($"finding the registry '{plan.Registry.Name}'", async () =>
        {
            var subscription = await AzureSession.SubscriptionAsync(connection, plan, deadline.Token).ConfigureAwait(false);
            // A cluster named without its id is looked for where the registry is, alongside it: each lookup is a round trip.
            if (request.Sources.HasFlag(EvidenceSources.Arm))
                source = Observed(LocateSourceAsync(request.Source, connection.Reader, plan.Registry.SubscriptionId ?? subscription, deadline.Token));
            return await AzureSession.OpenAsync(connection, plan, subscription, run.Log, deadline.Token).ConfigureAwait(false);
        }, deadline)).ConfigureAwait(false);
        var context = new CollectionContext { Target = session.Target, Deadline = deadline, Log = run.Log };
        var collectors = await SetupFailures.GuardAsync("finding the client's network (--aks)",
            async () => Collectors(request, session, await source.ConfigureAwait(false), probes), deadline).ConfigureAwait(false);
        var bundle = await Reading(run, ReadsOf(collectors), () => CollectionRunner.RunAsync(context, collectors, new ToolInfo { Version = run.ToolVersion }, deadline)).ConfigureAwait(false);
        AzureSession.ThrowIfRegistryMissing(bundle, plan);
        foreach (var error in bundle.CollectionErrors) run.Log.Warning(CollectionErrors.Describe(error));
        return bundle;
    }

    /// <summary><c>probe</c>: the client-side probes from this machine, added to the given bundle (or an empty one), analyzed by the caller.</summary>
    public static async Task<EvidenceBundle> ProbeAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        using var deadline = new CollectionDeadline(run.Timeout, run.StartedAt, cancellationToken);
        var bundle = request.StartFrom ?? new EvidenceBundle();
        bundle.Tool = new ToolInfo { Version = run.ToolVersion };
        bundle.CollectedAt = DateTimeOffset.UtcNow;
        bundle.Target.LoginServer = request.LoginServer;
        bundle.Target.Name ??= request.LoginServer.Split('.')[0];

        var context = new CollectionContext { Target = bundle.Target, Deadline = deadline, Log = run.Log };
        var probes = new ProbeCollector(request.Options);
        try
        {
            await probes.CollectAsync(context, bundle, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            // Each probe keeps to its own share; this is the run as a whole running out, which the report says, as diagnose's does.
            bundle.CollectionErrors.Add(new CollectionError { Read = probes.Name, ErrorCode = "Timeout", Message = $"{probes.Name}: no result within {deadline.Describe()}" });
        }
        cancellationToken.ThrowIfCancellationRequested();
        return bundle;
    }

    /// <summary>Client-side probes run for each registry of a fleet scan, at most this many registries at a time.</summary>
    private const int ScanProbeParallelism = 4;

    private const string ProbesNotRunNote = "Client-side probes were not run (configuration only); add --probe to run them from this machine.";

    /// <summary><c>scan</c>: every registry the identity can read in scope, each analyzed as its bundle arrives.</summary>
    public static async Task<FleetReport> ScanAsync(ScanRequest request, CancellationToken cancellationToken)
    {
        var run = request.Run;
        var config = AzureCliConfig.Load(run.Environment);
        var cloud = config.ResolveCloud(request.Cloud);
        var auth = AzureCredentials.Normalize(request.Auth);
        using var deadline = new CollectionDeadline(run.Timeout, run.StartedAt, cancellationToken);

        var connection = await SetupFailures.GuardAsync($"signing in to {cloud.Name}",
            () => ArmConnection.OpenAsync(cloud, auth, run.Log, deadline), deadline).ConfigureAwait(false);
        var scope = await SetupFailures.GuardAsync("finding the subscriptions to scan",
            () => FleetScopeResolver.ResolveAsync(connection, request.Subscriptions, request.ManagementGroups, config, run.Log, deadline.Token), deadline).ConfigureAwait(false);
        var graph = new ResourceGraphClient(connection.Reader.Pipeline, connection.Reader.Endpoint, run.Log);
        var options = new FleetScanOptions { Scope = scope, QueryFilter = request.QueryFilter, LoginServerSuffix = cloud.AcrLoginServerSuffix, ToolVersion = run.ToolVersion };
        var collector = new FleetCollector(graph, ArmBatchEndpointReader.For(connection.Reader, run.Log), options, run.Log);

        var bundles = collector.CollectAsync(deadline.Token);
        if (request.Probe)
            bundles = new FleetProber(new ProbeOptions { Environment = run.Environment }, deadline, ScanProbeParallelism, run.Log).ProbeAsync(bundles, cancellationToken);
        var reports = await FleetAnalyzer.AnalyzeAsync(bundles, request.OnBundle, request.Progress, cancellationToken).ConfigureAwait(false);

        foreach (var error in collector.ScanErrors) run.Log.Warning($"{error.Read} {error.ResourceId}: {error.ErrorCode} {error.Message}".TrimEnd());
        return FleetReport.Create(reports, collector.ScanErrors, request.Probe ? [] : [ProbesNotRunNote]);
    }

    /// <summary>Runs <paramref name="read"/>, telling the run's progress display what it reads while it does.</summary>
    private static Task<T> Reading<T>(RunSettings run, string what, Func<Task<T>> read) => Reading(run, [what], read);

    private static async Task<T> Reading<T>(RunSettings run, IReadOnlyList<string> what, Func<Task<T>> read)
    {
        foreach (var item in what) run.Progress?.Started(item);
        try { return await read().ConfigureAwait(false); }
        finally { foreach (var item in what) run.Progress?.Finished(item); }
    }

    /// <summary>What each evidence source reads, as a progress display names it.</summary>
    private static IReadOnlyList<string> ReadsOf(IReadOnlyList<IEvidenceCollector> collectors) => collectors.Select(c => c switch
    {
        ArmCollector => "the registry's network configuration (Azure Resource Manager)",
        ProbeCollector => "probes from this machine (DNS, TCP, TLS, HTTPS)",
        LoginEventsCollector => "login events (Log Analytics)",
        _ => c.Name,
    }).ToList();

    /// <summary>The collectors of a run, in order. ARM comes first: later collectors (probes, logs) use what it finds.</summary>
    /// <param name="source">The client's network, an AKS cluster's name already resolved to its id.</param>
    private static IReadOnlyList<IEvidenceCollector> Collectors(DiagnosisRequest request, AzureSession session, VantageSource? source, ProbeCollector? probes)
    {
        var collectors = new List<IEvidenceCollector>();
        if (request.Sources.HasFlag(EvidenceSources.Arm))
        {
            collectors.Add(new ArmCollector(session.Reader, new ArmCollectorOptions
            {
                Source = source,
                ServiceTagCache = ServiceTagCacheFor(session, request.Run.Environment, request.Run.Log),
                RegistryLocation = session.RegistryLocation,
            }));
            if (source?.Kind is VantageSourceKind.Vm or VantageSourceKind.Nic or VantageSourceKind.Aks or VantageSourceKind.VmssInstance) collectors.Add(new Collection.NetworkWatcher.NetworkWatcherCollector(session.Reader));
            collectors.Add(new CallerPermissionsCollector(session.Reader));
            collectors.Add(new SubnetPermissionsCollector(session.Reader));
        }
        if (request.RemoteProbe) collectors.Add(new Collection.Probes.Remote.RemoteProbeCollector(session.Reader));
        else if (probes is not null) collectors.Add(probes);
        else if (request.Sources.HasFlag(EvidenceSources.Probes) && request.PullTest is { } pull)
            collectors.Add(new ProbeCollector(new ProbeOptions { Environment = request.Run.Environment, PullTest = pull with { Credential = session.Credential } }));
        if (request.Sources.HasFlag(EvidenceSources.LoginEvents)) collectors.Add(LoginEventsCollector.For(session, request.Since));
        return collectors;
    }

    /// <summary>A lookup whose failure may never be awaited (the registry's lookup failed first) still has its exception observed.</summary>
    private static Task<T> Observed<T>(Task<T> task)
    {
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return task;
    }

    /// <summary>An AKS cluster named without its id (--aks name): the one of that name in the registry's subscription.</summary>
    private static async Task<VantageSource?> LocateSourceAsync(VantageSource? source, IArmReader reader, string subscriptionId, CancellationToken cancellationToken)
    {
        if (source is not { Kind: VantageSourceKind.Aks, Id: { } name } || name.StartsWith('/')) return source;
        var cluster = await NamedResourceLookup.FindAsync(reader, subscriptionId, new NamedResourceQuery(
            ArmResourceType.ManagedClusters, name, "AKS cluster", "AKS clusters",
            ListFailedHint: "pass the cluster's resource id to --aks",
            NotFoundHint: "pass the cluster's resource id to --aks",
            AmbiguousHint: "pass the resource id to --aks",
            NotFound: SetupFailure.InvalidInput), cancellationToken).ConfigureAwait(false);
        return new VantageSource { Kind = VantageSourceKind.Aks, Id = cluster.Id };
    }

    private static ServiceTagCache? ServiceTagCacheFor(AzureSession session, Func<string, string?> environment, ICollectionLog log) =>
        ServiceTagCache.DefaultDirectory(environment) is { } directory
            ? new ServiceTagCache(directory, session.Cloud.ResourceManager.Authority, ServiceTagCache.DefaultMaxAge, () => DateTimeOffset.UtcNow, log)
            : null;
}
