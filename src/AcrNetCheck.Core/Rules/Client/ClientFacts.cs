using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

/// <summary>Readings of client probes that more than one client rule states the same way.</summary>
public static class ClientFacts
{
    /// <summary>Endpoints that carry image layers: dedicated data endpoints, or the registry's storage without them.</summary>
    public static bool CarriesLayers(this EndpointProbe probe) =>
        probe.Purpose is EndpointPurpose.DataEndpoint or EndpointPurpose.Storage;

    /// <summary>The region a probed endpoint serves, from the probe, else from its data endpoint name.</summary>
    public static string? RegionOf(this EndpointProbe probe) =>
        probe.Region ?? RegistryEndpoints.RegionOfDataEndpoint(probe.Host);

    /// <summary>The address the TCP connection was tried on, else the first one the name resolved to.</summary>
    public static string? TcpAddress(this EndpointProbe probe) =>
        probe.Tcp?.Address ?? probe.ResolvedAddresses().FirstOrDefault();

    /// <summary>"TCP 443 to 20.1.2.3 (public) timed out after 21000 ms (Connection timed out)".</summary>
    public static string TcpFailureStatement(this EndpointProbe probe)
    {
        var tcp = probe.Tcp!;
        var target = probe.TcpAddress() is { } ip ? FindingText.Address(ip) : probe.Host;
        var outcome = tcp.Status switch
        {
            TcpStatus.Timeout => "timed out (packets dropped on the way: a firewall or NSG deny, or no route)",
            TcpStatus.Refused => "was refused (a reset came back: something on the path rejects the connection)",
            TcpStatus.Unreachable => "failed as unreachable (no route to the address)",
            _ => "failed",
        };
        var elapsed = tcp.ElapsedMs is { } ms ? $" after {ms:0} ms" : "";
        var error = tcp.Error is { Length: > 0 } e ? $" ({e})" : "";
        return $"TCP {tcp.Port} to {target} {outcome}{elapsed}{error}";
    }

    public static EvidenceRef TcpStatusEvidence(this EndpointProbe probe) =>
        new(probe.Host, $"probes.endpoints[host={probe.Host}].tcp.status", probe.Tcp?.Status, TcpStatus.Connected);

    /// <summary>What to open for one blocked endpoint, and how to check it from the same client.</summary>
    public static IReadOnlyList<string> OpenPortFix(this EndpointProbe probe)
    {
        var port = probe.Tcp?.Port ?? 443;
        var address = probe.TcpAddress() is { } ip ? $" ({ip})" : "";
        return
        [
            $"Allow outbound TCP {port} to {probe.Host}{address} in the client's firewall, NSG or route table",
            $"Check from the client: curl -sv --connect-timeout 10 https://{probe.Host}/ -o /dev/null",
        ];
    }
}

/// <summary>
/// Proxy URLs as a report may show them: HTTPS_PROXY often carries <c>user:password@</c>, which must never reach a report.
/// </summary>
public static class ProxyUrl
{
    /// <summary>The URL with any userinfo removed: "http://alice:s3cret@proxy:3128" → "http://proxy:3128".</summary>
    public static string? WithoutCredentials(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var (scheme, authority, path) = Split(url.Trim());
        var at = authority.LastIndexOf('@');
        return scheme + (at >= 0 ? authority[(at + 1)..] : authority) + path;
    }

    public static bool HasCredentials(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Split(url.Trim()).Authority.Contains('@');

    /// <summary>The URL to write into a configuration: credentials, if the original had any, become placeholders.</summary>
    public static string? ForConfiguration(string? url) =>
        WithoutCredentials(url) is not { } bare ? null
        : !HasCredentials(url) ? bare
        : bare.Insert(Split(bare).Scheme.Length, "<user>:<password>@");

    /// <summary>
    /// Whether two settings name the same proxy, ignoring credentials, case, a trailing slash and an omitted http:// scheme
    /// (Docker and Go read a scheme-less proxy as http://).
    /// </summary>
    public static bool SameProxy(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? url) =>
        WithoutCredentials(url) is not { } bare ? null
        : (bare.Contains("://", StringComparison.Ordinal) ? bare : "http://" + bare).TrimEnd('/');

    private static (string Scheme, string Authority, string Path) Split(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd >= 0 ? url[..(schemeEnd + 3)] : "";
        var remainder = url[scheme.Length..];
        // The authority ends at the first '/' after the last '@', so a raw '/' inside a password is still cut away.
        var slash = remainder.IndexOf('/', remainder.LastIndexOf('@') + 1);
        return slash >= 0 ? (scheme, remainder[..slash], remainder[slash..]) : (scheme, remainder, "");
    }
}
