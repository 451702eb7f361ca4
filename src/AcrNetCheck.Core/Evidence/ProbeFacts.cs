namespace AcrNetCheck.Core.Evidence;

/// <summary>Readings of probe results that several rules share, so they all judge "resolved" or "blocked" alike.</summary>
internal static class ProbeFacts
{
    /// <summary>The lookup docker would see (the system resolver, honouring /etc/hosts), else the first one made.</summary>
    public static DnsLookup? PrimaryLookup(this EndpointProbe probe) =>
        probe.Dns.FirstOrDefault(d => d.Source == "system") ?? probe.Dns.FirstOrDefault();

    public static bool Resolved(this EndpointProbe probe) =>
        probe.PrimaryLookup() is { Status: DnsStatus.Resolved, Addresses.Count: > 0 };

    public static IReadOnlyList<string> ResolvedAddresses(this EndpointProbe probe) =>
        probe.PrimaryLookup() is { Status: DnsStatus.Resolved } d ? d.Addresses : [];

    /// <summary>TCP 443 was tried and failed (timeout, refused, unreachable or another socket error).</summary>
    public static bool TcpFailed(this EndpointProbe probe) =>
        probe.Tcp is { Status: not (TcpStatus.Connected or TcpStatus.NotAttempted) };

    public static bool TcpConnected(this EndpointProbe probe) => probe.Tcp?.Status == TcpStatus.Connected;

    /// <summary>The request never reached the registry because the proxy refused or dropped the tunnel.</summary>
    public static bool ProxyFailed(this EndpointProbe probe) =>
        probe.Http?.ErrorKind is HttpErrorKind.ProxyConnectRefused or HttpErrorKind.ProxyClosed or HttpErrorKind.ProxyAuthRequired or HttpErrorKind.ProxyUnreachable;

    /// <summary>Reached the registry: an HTTP answer came back from it, or (for data endpoints, which have no /v2/) TCP connected.</summary>
    public static bool Reachable(this EndpointProbe probe) =>
        probe.Http is { StatusCode: not null, ErrorKind: null } || (probe.Http is null && probe.TcpConnected());
}
