using System.Net;
using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Collection.Probes.Vantage;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>What the user asked the probes to do, and the machine's signals (injectable, so tests can stand in for them).</summary>
public sealed class ProbeOptions
{
    /// <summary>Data endpoints to probe besides those ARM evidence names (--data-endpoint).</summary>
    public IReadOnlyList<string> DataEndpoints { get; init; } = [];

    /// <summary>A DNS server to ask too (--dns-server), e.g. the VNet's custom DNS.</summary>
    public IPEndPoint? DnsServer { get; init; }

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public string ResolvConfPath { get; init; } = NameServers.DefaultResolvConf;

    /// <summary>Defaults to <see cref="DockerConfigPaths.From"/> on <see cref="Environment"/>.</summary>
    public DockerConfigPaths? DockerPaths { get; init; }

    /// <summary>--pull-test: walk the real pull path (token exchange, manifest, one blob and its redirect); null to skip it.</summary>
    public Pull.PullTestRequest? PullTest { get; init; }

    /// <summary>Defaults to <see cref="VantageSignals.From"/> on <see cref="Environment"/>.</summary>
    public VantageSignals? VantageSignals { get; init; }
}
