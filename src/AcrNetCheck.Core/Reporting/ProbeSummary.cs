using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// The one-line reading of an endpoint's probes a person takes in at a glance:
/// "DNS 10.1.0.4 (private) → TCP connected 12 ms → TLS ok → HTTP 401".
/// </summary>
public static class ProbeSummary
{
    public static string? Of(EndpointProbe? probe, IReadOnlyList<string> expectedPrivate)
    {
        if (probe is null) return null;
        var steps = new List<string>();
        if (probe.PrimaryLookup() is { } dns)
            steps.Add(dns.Status == DnsStatus.Resolved ? "DNS " + string.Join(", ", dns.Addresses.Select(a => Address(a, expectedPrivate))) : $"DNS {dns.Status}");
        if (probe.Tcp is { } tcp)
            steps.Add(tcp.Status == TcpStatus.Connected && tcp.ElapsedMs is { } ms ? $"TCP connected {ms:0} ms" : $"TCP {tcp.Status}");
        if (probe.Tls is { } tls)
            steps.Add(tls.Status != "ok" ? "TLS failed" : tls.PolicyErrors.Count > 0 ? "TLS untrusted" : "TLS ok");
        if (probe.Http is { } http)
            steps.Add(http.StatusCode is { } code ? $"HTTP {code}" + (http.DeniedClientIp is { } ip ? $" (denies {ip})" : "") : $"HTTP {http.ErrorKind ?? "failed"}");
        return string.Join(" → ", steps);
    }

    private static string Address(string ip, IReadOnlyList<string> expectedPrivate)
    {
        var kind = AddressClassifier.Describe(ip);
        if (expectedPrivate.Count == 0) return $"{ip} ({kind})";
        return expectedPrivate.Contains(ip) ? $"{ip} ({kind}, the private endpoint)" : $"{ip} ({kind}, expected {string.Join("/", expectedPrivate)})";
    }
}
