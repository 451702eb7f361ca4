using System.Net;
using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Collection.Probes.Https;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Collection.Probes.Tcp;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>The fixed facts every endpoint's probes share in one run.</summary>
internal sealed record ProbeSettings(
    TimeSpan ProbeTimeout,
    IReadOnlyList<IPEndPoint> SystemNameServers,
    IPEndPoint? DnsServer,
    EnvironmentProxy Proxy);

/// <summary>
/// Probes one endpoint: DNS through every resolver at once, then TCP 443 and the HTTPS exchange side by side.
/// Records what happened and never judges it.
/// </summary>
internal static class EndpointProber
{
    public static async Task<EndpointProbe> ProbeAsync(RegistryEndpoint endpoint, ProbeSettings settings, CancellationToken cancellationToken)
    {
        var probe = new EndpointProbe { Host = endpoint.Host, Purpose = endpoint.Purpose, Region = endpoint.Region };

        var lookups = new List<Task<DnsLookup>>
        {
            SystemDnsProbe.LookupAsync(endpoint.Host, settings.ProbeTimeout, cancellationToken),
            ResolverDnsProbe.LookupAsync(endpoint.Host, settings.SystemNameServers, ResolverDnsProbe.SystemServersSource, settings.ProbeTimeout, cancellationToken),
        };
        if (settings.DnsServer is { } server)
            lookups.Add(ResolverDnsProbe.LookupAsync(endpoint.Host, [server], ResolverDnsProbe.SourceFor(server), settings.ProbeTimeout, cancellationToken));
        probe.Dns = (await Task.WhenAll(lookups)).ToList();

        var proxy = settings.Proxy.For(endpoint.Host);
        var address = TcpConnectProbe.FirstAddress(probe.Dns[0].Addresses);
        async Task<TcpProbe?> Tcp() => address is null ? null : await TcpConnectProbe.ConnectAsync(address, 443, settings.ProbeTimeout, cancellationToken);
        // Without a proxy an unresolved name cannot be fetched; through one, the proxy resolves it.
        async Task<HttpsResult?> Https() => address is null && proxy is null ? null
            : await HttpsProbe.GetAsync(UrlFor(endpoint), proxy, settings.ProbeTimeout, cancellationToken);
        var tcp = Tcp();
        var https = Https();
        probe.Tcp = await tcp;
        if (await https is { } result)
        {
            probe.Tls = result.Tls ?? (result.Http.ErrorKind == HttpErrorKind.Tls ? new TlsProbe { Status = "failed", Error = result.Http.Error } : null);
            // A data endpoint's own answer means nothing (it has no /v2/), but a proxy refusing the tunnel to it does.
            if (ServesRegistryApi(endpoint) || result.Http.ErrorKind?.StartsWith("proxy-", StringComparison.Ordinal) == true)
                probe.Http = result.Http;
        }
        return probe;
    }

    /// <summary>The login server (and a regional endpoint) answers the registry API; data endpoints only serve layers.</summary>
    private static bool ServesRegistryApi(RegistryEndpoint endpoint) =>
        endpoint.Purpose is EndpointPurpose.LoginServer or EndpointPurpose.RegionalEndpoint;

    private static Uri UrlFor(RegistryEndpoint endpoint) =>
        new($"https://{endpoint.Host}/{(ServesRegistryApi(endpoint) ? "v2/" : "")}");
}
