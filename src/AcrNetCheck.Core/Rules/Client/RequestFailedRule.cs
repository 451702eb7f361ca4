using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class RequestFailedRule : FallbackRule
{
    public new const string Id = "client.request-failed";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "A request to the registry failed and no specific cause explains it",
        cause: "A probe from this client saw a step fail (name resolution, TCP 443, TLS, or the answer to GET /v2/: no answer, " +
               "403 or a server error), and the evidence collected does not show which configuration causes it. Docker and " +
               "kubelet fail the same way on this client.",
        solution:
        [
            "Collect the registry's configuration too, so the cause can be named: acr-netcheck diagnose -n <registry>",
            "Check from the failing client: az acr check-health -n <registry> --yes",
            "A 403 naming your address: az acr network-rule add --name <registry> --ip-address <your-public-ip>; no answer to GET /v2/: a firewall or proxy that holds HTTPS to the registry",
        ],
        docLink: Descriptors.Pages.HealthErrorReference,
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.LoginForbidden, Symptoms.HostNotReachable]);

    public override RuleResult Evaluate(EvidenceView evidence, IReadOnlyList<(RuleDescriptor Rule, Finding Finding)> others)
    {
        if (evidence.Bundle.Probes is not { Endpoints.Count: > 0 } probes) return RuleResult.Needs("probes.endpoints[]");
        var failures = probes.Endpoints.Select(p => (Probe: p, Failure: ProbeFailure.Of(p))).Where(x => x.Failure is not null).ToList();
        if (failures.Count == 0) return RuleResult.Pass("every probed step succeeded");
        // A specific error already names the cause the person must fix first.
        if (others.FirstOrDefault(o => o.Rule.Severity == Severity.Error) is { Rule: { } named })
            return RuleResult.NotApplicable($"{named.Id} explains the failure");
        return RuleResult.From(failures.Select(x => new Finding
        {
            Subject = x.Probe.Host,
            Message = $"{x.Probe.Host}: {x.Failure!.Phase} failed ({x.Failure.Observed}), and the evidence names no cause.",
            Evidence = [new EvidenceRef(x.Probe.Host, $"probes.endpoints[host={x.Probe.Host}].{x.Failure.Phase}", x.Failure.Observed, x.Failure.Expected)],
            Fix = x.Failure.Fix is { } fix ? [fix] : [],
        }));
    }
}

/// <summary>The first step of one endpoint's probe that failed: its phase, what was seen, what was expected.</summary>
internal sealed record ProbeFailure(string Phase, string Observed, string Expected, string? Fix = null)
{
    public static ProbeFailure? Of(EndpointProbe probe)
    {
        if (probe.Dns.Count > 0 && !probe.Dns.Any(d => d.Status == DnsStatus.Resolved && d.Addresses.Count > 0))
            return new("dns", string.Join(", ", probe.Dns.Select(d => $"{d.Source} {d.Status}{(d.Error is { } e ? $": {e}" : "")}")), "an address");
        if (probe.Tcp is { Status: not (TcpStatus.Connected or TcpStatus.NotAttempted) } tcp)
            return new("tcp", $"{tcp.Status} to {tcp.Address}:{tcp.Port}{(tcp.Error is { } e ? $": {e}" : "")}", "connected");
        if (probe.Tls is { Status: not "ok" } tls) return new("tls", $"{tls.Status}{(tls.Error is { } e ? $": {e}" : "")}", "ok");
        if (probe.Http is not { } http) return null;
        if (http.ErrorKind is { } kind)
            return new("http", $"{kind}{(http.Error is { } e ? $": {e}" : "")}", "an answer to GET /v2/",
                kind == HttpErrorKind.Timeout ? Shell.Command($"curl -v --max-time 30 {http.Url} (from this client: the registry, or something between, accepts the connection and never answers)") : null);
        if (http.StatusCode == 403)
            return new("http", $"403{(http.DeniedClientIp is { } ip ? $" refusing client IP {ip}" : "")}{(http.BodySnippet is { } body ? $": {body}" : "")}", "401 (the token challenge)",
                http.DeniedClientIp is { } denied ? Shell.Command($"az acr network-rule add --name <registry> --ip-address {denied}") : null);
        if (http.StatusCode >= 500) return new("http", $"HTTP {http.StatusCode}", "401 (the token challenge)");
        return null;
    }
}
