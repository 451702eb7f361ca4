using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// The one-line reading of an endpoint's probes a person takes in at a glance:
/// "DNS 10.1.0.4 (private) → TCP connected 12 ms → TLS ok → HTTP 401".
/// </summary>
public static class ProbeSummary
{
    public const string Dns = "dns", Proxy = "proxy", Tcp = "tcp", Tls = "tls", Http = "http";

    /// <summary>The summary line: the hops' labels in order (the proxy, which the HTTP hop names, left out).</summary>
    public static string? Of(EndpointProbe? probe, IReadOnlyList<string> expectedPrivate) =>
        probe is null ? null : string.Join(" → ", Hops(probe, expectedPrivate).Where(h => h.Hop != Proxy).Select(h => h.Label));

    /// <summary>
    /// The hops the probes went through (DNS, the proxy when one was used, TCP, TLS, HTTP), each with how it went: blocked
    /// when the probe got no further there (no answer, a refused tunnel, a timeout, an untrusted certificate, a 403 or 5xx)
    /// or when DNS leads away from the private endpoint. A 401 is the registry asking for a token: it answered.
    /// </summary>
    public static IReadOnlyList<ProbeHop> Hops(EndpointProbe probe, IReadOnlyList<string> expectedPrivate)
    {
        var hops = new List<ProbeHop>();
        if (probe.PrimaryLookup() is { } dns)
            hops.Add(dns.Status != DnsStatus.Resolved ? new(Dns, $"DNS {dns.Status}", StepStatus.Blocked)
                : new(Dns, "DNS " + string.Join(", ", dns.Addresses.Select(a => Address(a, expectedPrivate))),
                      expectedPrivate.Count > 0 && !dns.Addresses.Any(expectedPrivate.Contains) ? StepStatus.Blocked : StepStatus.Ok));
        if (probe.Http is { Proxy: { } proxy } proxied)
            hops.Add(new(Proxy, $"proxy {proxy}" + (proxied.ProxyStatusCode is { } ps ? $" ({ps})" : ""),
                proxied.ProxyStatusCode is { } refused && refused != 200 || proxied.ErrorKind?.StartsWith("proxy", StringComparison.Ordinal) == true ? StepStatus.Blocked : StepStatus.Ok));
        if (probe.Tcp is { } tcp)
            hops.Add(tcp.Status == TcpStatus.Connected
                ? new(Tcp, tcp.ElapsedMs is { } ms ? $"TCP connected {ms:0} ms" : $"TCP {tcp.Status}", StepStatus.Ok)
                : new(Tcp, $"TCP {tcp.Status}", StepStatus.Blocked));
        if (probe.Tls is { } tls)
            hops.Add(tls.Status != "ok" ? new(Tls, "TLS failed", StepStatus.Blocked)
                : tls.PolicyErrors.Count > 0 ? new(Tls, "TLS untrusted", StepStatus.Blocked)
                : new(Tls, "TLS ok", StepStatus.Ok));
        if (probe.Http is { } http)
            hops.Add(http.StatusCode is { } code
                ? new(Http, $"HTTP {code}" + (http.DeniedClientIp is { } ip ? $" (denies {ip})" : ""), code is 403 or >= 500 ? StepStatus.Blocked : code is 200 or 401 ? StepStatus.Ok : StepStatus.Warning)
                : new(Http, $"HTTP {http.ErrorKind ?? "failed"}", StepStatus.Blocked));
        return hops;
    }

    private static string Address(string ip, IReadOnlyList<string> expectedPrivate)
    {
        var kind = AddressClassifier.Describe(ip);
        if (expectedPrivate.Count == 0) return $"{ip} ({kind})";
        return expectedPrivate.Contains(ip) ? $"{ip} ({kind}, the private endpoint)" : $"{ip} ({kind}, expected {string.Join("/", expectedPrivate)})";
    }
}

/// <summary>One hop of an endpoint's probes: which (<see cref="ProbeSummary.Dns"/>…), what was seen, and how it went.</summary>
public sealed record ProbeHop(string Hop, string Label, StepStatus Status);
