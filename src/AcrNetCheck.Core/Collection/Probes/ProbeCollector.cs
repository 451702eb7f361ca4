using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Collection.Probes.Vantage;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>
/// Client-side evidence from where the tool runs: every endpoint's DNS, TCP, TLS and HTTP, the proxies the shell and
/// Docker use, and the vantage. Uses ARM evidence already in the bundle (data endpoints, replica regions) when present,
/// so <c>diagnose</c> can run it after the ARM collector. All endpoints are probed at once, each probe with its own
/// timeout (<see cref="CollectionDeadline.ProbeTimeout"/>), the whole run bounded by the run's deadline.
/// </summary>
internal sealed class ProbeCollector(ProbeOptions options) : Arm.IArmDependentCollector
{
    public string Name => "probes";

    /// <summary>The endpoints to probe are known once the registry and its replications are read.</summary>
    public Arm.ArmMilestone Needs => Arm.ArmMilestone.RegistryRead;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        // Probes from another run (another machine) describe another vantage: this run's replace them.
        bundle.Probes = null;
        var evidence = new EvidenceView(bundle);
        if (evidence.LoginServer is not { } loginServer)
        {
            bundle.CollectionErrors.Add(new CollectionError { Read = "probes", Message = "no login server to probe (give one, or a bundle whose target names it)" });
            return;
        }

        var targets = ProbeTargets.For(evidence, options.DataEndpoints);
        var proxy = EnvironmentProxy.From(options.Environment);
        var settings = new ProbeSettings(context.Deadline.ProbeTimeout, NameServers.System(options.ResolvConfPath), options.DnsServer, proxy);
        context.Log.Verbose($"probing {string.Join(", ", targets.Select(t => t.Host))} (each probe up to {settings.ProbeTimeout.TotalSeconds:0.#} s)");
        if (proxy.For(loginServer) is { } used) context.Log.Verbose($"requests go through the proxy {used}");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var endpoints = (await Task.WhenAll(targets.Select(t => EndpointProber.ProbeAsync(t, settings, cancellationToken)))).ToList();
        var pullTest = options.PullTest is { } pull ? await Pull.PullTestProbe.RunAsync(context, bundle, evidence, loginServer, pull, settings, endpoints, options.Environment, cancellationToken) : null;
        // The tool's own account of its budget: the reads' window of --timeout, measured without the process's start-up.
        var budget = context.Timeout - CollectionDeadline.ReserveFor(context.Timeout);
        context.Log.Verbose($"probes finished in {clock.ElapsedMilliseconds} ms of their {budget.TotalMilliseconds:0} ms budget");
        bundle.Probes = new ProbeEvidence { Endpoints = endpoints, Proxy = ProxyEvidenceFor(proxy, loginServer), PullTest = pullTest };
        bundle.Vantage = Merge(bundle.Vantage, VantageDetector.Detect(options.VantageSignals ?? VantageSignals.From(options.Environment)));
        foreach (var probe in endpoints)
            context.Log.Debug($"{probe.Host}: dns {probe.Dns[0].Status}, tcp {probe.Tcp?.Status ?? "-"}, " +
                              $"tls {(probe.Tls is { } tls ? string.Join("+", tls.PolicyErrors.DefaultIfEmpty(tls.Status)) : "-")}, " +
                              $"http {probe.Http?.StatusCode?.ToString() ?? probe.Http?.ErrorKind ?? "-"}");
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
