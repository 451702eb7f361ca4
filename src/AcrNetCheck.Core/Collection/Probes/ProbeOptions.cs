using System.Net;
using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Collection.Probes.Vantage;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>What the user asked the probes to do, and the machine's signals (injectable, so tests can stand in for them).</summary>
public sealed class ProbeOptions
{
    /// <summary>Per-probe ceiling; each probe gets at most this, and less when --timeout is short.</summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Data endpoints to probe besides those ARM evidence names (--data-endpoint).</summary>
    public IReadOnlyList<string> DataEndpoints { get; init; } = [];

    /// <summary>A DNS server to ask too (--dns-server), e.g. the VNet's custom DNS.</summary>
    public IPEndPoint? DnsServer { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public string ResolvConfPath { get; init; } = NameServers.DefaultResolvConf;

    /// <summary>Defaults to <see cref="DockerConfigPaths.From"/> on <see cref="Environment"/>.</summary>
    public DockerConfigPaths? DockerPaths { get; init; }

    /// <summary>Defaults to <see cref="VantageSignals.From"/> on <see cref="Environment"/>.</summary>
    public VantageSignals? VantageSignals { get; init; }

    /// <summary>
    /// A third of the run's budget, at most <see cref="MaxProbeTimeout"/>: an endpoint's DNS, then its TCP and HTTPS
    /// (which run side by side) then fit twice in the run with room to spare.
    /// </summary>
    public static TimeSpan ProbeTimeoutFor(TimeSpan runTimeout) =>
        TimeSpan.FromTicks(Math.Min(MaxProbeTimeout.Ticks, runTimeout.Ticks / 3));
}
