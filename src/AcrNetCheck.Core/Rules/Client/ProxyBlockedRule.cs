using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class ProxyBlockedRule : Rule
{
    public new const string Id = "client.proxy-blocked";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "The HTTPS proxy refuses or drops the tunnel to the registry",
        cause: "Requests to the registry go through an HTTPS proxy that does not let them through: it answers CONNECT with 403, " +
               "closes the connection (EOF), demands proxy authentication (407), or cannot be reached at all.",
        solution:
        [
            "List every endpoint the proxy must let through: az acr show-endpoints --name <registry>",
            "Allow CONNECT to <login-server>:443 and to each <registry>.<region>.data.azurecr.io:443 in the proxy's allow list",
            "Or bypass the proxy for the registry: NO_PROXY=.azurecr.io for .NET clients (a leading dot is needed to match subdomains); Docker and Go also accept azurecr.io",
            "After changing the Docker daemon's proxy settings: sudo systemctl daemon-reload && sudo systemctl restart docker",
        ],
        docLink: Descriptors.Pages.FirewallAccessRules,
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.ProxyConnectEof,
        ],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var httpProbes = evidence.Bundle.Probes?.Endpoints.Where(p => p.Http is not null).ToList() ?? [];
        if (httpProbes.Count == 0) return RuleResult.Needs("probes.endpoints[].http");

        return RuleResult.From(httpProbes.Where(p => p.ProxyFailed()).Select(probe =>
        {
            var http = probe.Http!;
            var proxy = ProxyUrl.WithoutCredentials(http.Proxy);
            var evidenceRefs = new List<EvidenceRef> { new(probe.Host, $"probes.endpoints[host={probe.Host}].http.errorKind", http.ErrorKind, "a response from the registry") };
            if (http.ProxyStatusCode is { } status)
                evidenceRefs.Add(new(probe.Host, $"probes.endpoints[host={probe.Host}].http.proxyStatusCode", status.ToString(), "200"));
            return new Finding
            {
                Subject = probe.Host,
                Message = $"The proxy {proxy ?? "(address not recorded)"} {WhatTheProxyDid(http)} for {probe.Host}:443" +
                          (http.Error is { Length: > 0 } e ? $" ({e})." : "."),
                Evidence = evidenceRefs,
                Fix = Fix(http.ErrorKind, proxy ?? "<proxy-url>", probe.Host),
            };
        }));
    }

    private static string WhatTheProxyDid(HttpProbe http) => http.ErrorKind switch
    {
        HttpErrorKind.ProxyConnectRefused => $"refused the CONNECT tunnel with HTTP {http.ProxyStatusCode?.ToString() ?? "403"}",
        HttpErrorKind.ProxyClosed => "closed the connection without answering CONNECT (EOF)",
        HttpErrorKind.ProxyAuthRequired => "demanded proxy authentication (HTTP 407) on CONNECT",
        _ => "could not be reached, so no tunnel was opened",
    };

    private static IReadOnlyList<string> Fix(string? errorKind, string proxy, string host) => errorKind switch
    {
        HttpErrorKind.ProxyAuthRequired =>
        [
            $"Give the client the proxy's credentials (HTTPS_PROXY=http://<user>:<password>@<proxy-host>:<port>), or exempt {host} from proxy authentication",
        ],
        HttpErrorKind.ProxyUnreachable =>
        [
            $"Check the proxy address {proxy} in HTTPS_PROXY (and the Docker daemon's proxy settings): curl -sv -x {proxy} https://{host}/ -o /dev/null",
        ],
        _ =>
        [
            $"Allow CONNECT to {host}:443 on the proxy {proxy}",
            $"Or, where the client may go direct, bypass the proxy for it: add {host} to NO_PROXY (and to the Docker daemon's noProxy)",
        ],
    };
}
