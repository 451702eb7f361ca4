using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Collection.Probes.Vantage;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>
/// Client-side evidence from where the tool runs: every endpoint's DNS, TCP, TLS and HTTP, the proxies the shell and
/// Docker use, and the vantage. Uses ARM evidence already in the bundle (data endpoints, replica regions) when present,
/// so <c>diagnose</c> can run it alongside the ARM collector. Each endpoint is probed as soon as its name is known: the
/// login server when the user gave it (<see cref="StartEarly"/>, before signing in) or when the registry's document is
/// read, the data and regional endpoints once the replications are. Each probe has its own timeout
/// (<see cref="CollectionDeadline.ProbeTimeout"/>), the whole run is bounded by the run's deadline.
/// </summary>
internal sealed class ProbeCollector(ProbeOptions options) : Arm.IArmDependentCollector
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<EndpointProbe>> _started = new(StringComparer.OrdinalIgnoreCase);
    private System.Diagnostics.Stopwatch? _clock;

    public string Name => "probes";

    /// <summary>The login server is known once the registry's document is read; the rest is awaited through <see cref="CollectionContext.ArmProgress"/>.</summary>
    public Arm.ArmMilestone Needs => Arm.ArmMilestone.RegistryDocumentRead;

    /// <summary>
    /// Starts probing a login server the user gave (<c>-n contoso.azurecr.io</c>) at once, before anything is read from Azure:
    /// <see cref="CollectAsync"/> then takes this probe instead of sending another, if ARM confirms it is the login server.
    /// </summary>
    public void StartEarly(string loginServer, CollectionDeadline deadline)
    {
        _clock ??= System.Diagnostics.Stopwatch.StartNew();
        var endpoint = new RegistryEndpoint(loginServer.Trim().TrimEnd('.').ToLowerInvariant(), EndpointPurpose.LoginServer, null);
        _started.TryAdd(endpoint.Host, EndpointProber.ProbeAsync(endpoint, Settings(deadline), deadline.Token));
    }

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        // Probes from another run (another machine) describe another vantage: this run's replace them.
        bundle.Probes = null;
        if (new EvidenceView(bundle).LoginServer is not { } loginServer)
        {
            bundle.CollectionErrors.Add(new CollectionError { Read = "probes", Message = "no login server to probe (give one, or a bundle whose target names it)" });
            return;
        }

        var settings = Settings(context.Deadline);
        var clock = _clock ??= System.Diagnostics.Stopwatch.StartNew();
        // The login server is known now: probed while the replications (and the client's subnets) are still being read.
        var login = ProbeTargets.For(new EvidenceView(bundle), []).FirstOrDefault(t => t.Purpose == EndpointPurpose.LoginServer)
            ?? new RegistryEndpoint(loginServer, EndpointPurpose.LoginServer, null);
        var loginProbe = Probe(login, settings, cancellationToken);
        if (settings.Proxy.For(loginServer) is { } used) context.Log.Verbose($"requests go through the proxy {used}");

        // Everything ARM tells about the endpoints and the client's place; without an ARM collection the bundle is all there is.
        var complete = context.ArmProgress is { } progress
            ? (await progress.Reached(Arm.ArmMilestone.RegistryRead).WaitAsync(cancellationToken).ConfigureAwait(false))()
            : bundle;
        var evidence = new EvidenceView(complete);
        var targets = ProbeTargets.For(evidence, options.DataEndpoints);
        context.Log.Verbose($"probing {string.Join(", ", targets.Select(t => t.Host))} (each probe up to {settings.ProbeTimeout.TotalSeconds:0.#} s)");
        var endpoints = await Task.WhenAll(targets.Select(t => t.Host.Equals(login.Host, StringComparison.OrdinalIgnoreCase) && t.Purpose == login.Purpose
            ? WithEndpoint(loginProbe, t)
            : Probe(t, settings, cancellationToken))).ConfigureAwait(false);
        var probed = endpoints.ToList();
        var pullTest = options.PullTest is { } pull
            ? await Pull.PullTestProbe.RunAsync(context, bundle, evidence, loginServer, pull, settings, probed, options.Environment, cancellationToken).ConfigureAwait(false)
            : null;
        // The tool's own account of its budget: the reads' window of --timeout, measured without the process's start-up.
        var budget = context.Timeout - CollectionDeadline.ReserveFor(context.Timeout);
        context.Log.Verbose($"probes finished in {clock.ElapsedMilliseconds} ms of their {budget.TotalMilliseconds:0} ms budget");
        bundle.Probes = new ProbeEvidence { Endpoints = probed, Proxy = ProxyEvidenceFor(settings.Proxy, evidence.LoginServer ?? loginServer), PullTest = pullTest };
        bundle.Vantage = Merge(complete.Vantage, VantageDetector.Detect(options.VantageSignals ?? VantageSignals.From(options.Environment)));
        foreach (var probe in probed)
            context.Log.Debug($"{probe.Host}: dns {probe.Dns[0].Status}, tcp {probe.Tcp?.Status ?? "-"}, " +
                              $"tls {(probe.Tls is { } tls ? string.Join("+", tls.PolicyErrors.DefaultIfEmpty(tls.Status)) : "-")}, " +
                              $"http {probe.Http?.StatusCode?.ToString() ?? probe.Http?.ErrorKind ?? "-"}");
    }

    private ProbeSettings Settings(CollectionDeadline deadline) =>
        new(deadline.ProbeTimeout, NameServers.System(options.ResolvConfPath), options.DnsServer, EnvironmentProxy.From(options.Environment));

    /// <summary>The probe of <paramref name="endpoint"/>: the one started early when it probed the same name as the same kind of endpoint, else a new one.</summary>
    private Task<EndpointProbe> Probe(RegistryEndpoint endpoint, ProbeSettings settings, CancellationToken cancellationToken) =>
        _started.TryGetValue(endpoint.Host, out var early) && endpoint.Purpose == EndpointPurpose.LoginServer
            ? WithEndpoint(early, endpoint)
            : EndpointProber.ProbeAsync(endpoint, settings, cancellationToken);

    /// <summary>An early probe knew only the name: the region comes from ARM.</summary>
    private static async Task<EndpointProbe> WithEndpoint(Task<EndpointProbe> probing, RegistryEndpoint endpoint)
    {
        var probe = await probing.ConfigureAwait(false);
        probe.Region = endpoint.Region;
        return probe;
    }

    private ProxyEvidence ProxyEvidenceFor(EnvironmentProxy proxy, string loginServer)
    {
        var paths = options.DockerPaths ?? DockerConfigPaths.From(options.Environment);
        return new ProxyEvidence
        {
            Environment = proxy.Settings(loginServer),
            DockerDaemon = DockerProxyConfig.Daemon(paths, loginServer),
            DockerClient = DockerProxyConfig.FromClientConfig(paths.ClientConfigJson, loginServer),
            DockerConfigInspected = DockerProxyConfig.DaemonPresent(paths),
        };
    }

    /// <summary>
    /// This run's vantage, keeping what ARM evidence said about the client (its subnet, NIC, public IP) and an
    /// Azure kind that local signals could not see.
    /// </summary>
    private static VantageEvidence Merge(VantageEvidence? known, VantageEvidence detected)
    {
        if (known is null) return detected;
        detected.SubnetId ??= known.SubnetId;
        detected.NetworkInterfaceId ??= known.NetworkInterfaceId;
        detected.PublicIp ??= known.PublicIp;
        if (detected.Kind == VantageKind.Local && known.Kind is VantageKind.AzureVm or VantageKind.AksNode) detected.Kind = known.Kind;
        return detected;
    }
}
