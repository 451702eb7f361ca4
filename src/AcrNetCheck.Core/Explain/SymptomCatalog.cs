using System.Text.RegularExpressions;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Vnet;
using static AcrNetCheck.Core.Explain.CandidateRules;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// The messages <c>explain</c> recognises, most specific first. Sources: the seed article's symptoms
/// (<see cref="Rules.Symptoms"/>), Go's net/http and crypto/x509 errors as docker, containerd and kubelet print them,
/// ACR's firewall answer, and az acr check-health's error codes (Azure/azure-cli
/// src/azure-cli/azure/cli/command_modules/acr/_errors.py; reference: <see cref="KnownSymptom.HealthErrorReference"/>).
/// </summary>
internal static class SymptomCatalog
{
    private const string Docker = "docker/containerd";
    private const string CheckHealth = "az acr check-health";
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>The portal's or az's refusal to save network settings: a rule reads it from a reported error (diagnose --error).</summary>
    public const string NetworkSettingsNotSaved = "network-settings-not-saved";

    private static Regex[] Patterns(params string[] patterns) => patterns.Select(p => new Regex(p, Options)).ToArray();

    private static Func<IEnumerable<Rule>> Rules(params Func<IEnumerable<Rule>>[] sources) => () => sources.SelectMany(s => s()).Distinct();
    private static Func<IEnumerable<Rule>> Rule<TRule>() where TRule : Rule => () => [Of<TRule>()];
    private static Func<IEnumerable<Rule>> Article(string articleSymptom) => () => Explaining(articleSymptom);

    /// <summary>ACR's own refusal: the registry was reached, so only its network rules and the way the client came are in question.</summary>
    private static readonly Func<IEnumerable<Rule>> FirewallRefusal = Rules(
        Rule<IpNotAllowedRule>(), Rule<AccessDisabledRule>(), Rule<ResolvesPublicIpRule>(), Rule<PrivateDnsZoneNotLinkedRule>(),
        Rule<ServiceEndpointRuleMissingRule>(), Rule<SubnetMissingServiceEndpointRule>(), Rule<ServiceEndpointDisabledByPublicAccessRule>(),
        Rule<DeniedLoginsRule>());

    private static readonly Func<IEnumerable<Rule>> NameNotResolved = Rules(
        Article(Symptoms.NoSuchHost), Rule<PrivateDnsRecordMissingRule>(), Rule<PrivateDnsZoneShadowedRule>());

    private static readonly Func<IEnumerable<Rule>> CredentialsRefused = Rules(Rule<SuspectedRule>(), Rule<TokenExchangeRefusedRule>(), Rule<DeniedLoginsRule>());

    private static readonly Func<IEnumerable<Rule>> SomethingElseAnswered = Rules(Rule<ProxyBlockedRule>(), Rule<TlsInterceptedRule>(), Rule<ResolvesPublicIpRule>());

    private static KnownSymptom CheckHealthCode(string code, string title, string meaning, Func<IEnumerable<Rule>> causes, NextStep next) =>
        new($"check-health-{code["CONNECTIVITY_".Length..^"_ERROR".Length].ToLowerInvariant().Replace('_', '-')}", title, CheckHealth, meaning,
            Patterns($@"\b{code}\b[^\n]*(?:\n[^\n]*)?"), causes, next, CheckHealthCode: code);

    public static IReadOnlyList<KnownSymptom> All { get; } =
    [
        new("ip-not-allowed", "The registry's firewall refused this client's IP address", Docker + ", az acr login",
            "The registry answered, so DNS, TCP and TLS work: its network rules refused the request from the client IP it names. " +
            "Either that address is missing from the IP rules, public access is disabled, or the client was meant to come through a private endpoint and resolves the public address.",
            Patterns(@"client with IP '[^']*' is not allowed access[^\n]*"), FirewallRefusal, NextStep.Diagnose),

        CheckHealthCode("CONNECTIVITY_DNS_ERROR", "az acr check-health could not resolve the registry",
            "The login server's name did not resolve from where az ran: a misspelling, another cloud, or DNS that does not answer for it.",
            NameNotResolved, NextStep.Probe),
        CheckHealthCode("CONNECTIVITY_FORBIDDEN_ERROR", "az acr check-health was refused by the registry's firewall",
            "The registry answered /v2/ with 403: its network rules do not allow the address az came from.",
            FirewallRefusal, NextStep.Diagnose),
        CheckHealthCode("CONNECTIVITY_CHALLENGE_ERROR", "The registry did not issue a challenge",
            "/v2/ did not answer 401 with a challenge, as ACR always does: something else (a proxy, an inspection appliance, another host the name resolves to) answered.",
            SomethingElseAnswered, NextStep.Probe),
        CheckHealthCode("CONNECTIVITY_WWW_AUTHENTICATE_ERROR", "The registry did not ask for basic or bearer authentication",
            "The answer to /v2/ carried no usable WWW-Authenticate header, which ACR always sends: something else answered in its place.",
            SomethingElseAnswered, NextStep.Probe),
        CheckHealthCode("CONNECTIVITY_SSL_ERROR", "No secure connection to the registry",
            "The TLS handshake with the login server failed, most often because a proxy or firewall inspects TLS with its own certificate.",
            Rules(Rule<TlsInterceptedRule>(), Rule<ProxyBlockedRule>()), NextStep.Probe),
        CheckHealthCode("CONNECTIVITY_AAD_LOGIN_ERROR", "The registry does not accept Microsoft Entra sign-in",
            "The network path works; the registry refused Entra ID (AAD) authentication.", CredentialsRefused, NextStep.SignIn),
        CheckHealthCode("CONNECTIVITY_REFRESH_TOKEN_ERROR", "The registry refused the refresh token",
            "The network path works as far as the token endpoint: the registry refused the sign-in (a 403 here can also be its firewall).",
            Rules(CredentialsRefused, Rule<IpNotAllowedRule>()), NextStep.SignIn),
        CheckHealthCode("CONNECTIVITY_ACCESS_TOKEN_ERROR", "The registry refused the access token",
            "The network path works as far as the token endpoint: the registry refused the sign-in (a 403 here can also be its firewall).",
            Rules(CredentialsRefused, Rule<IpNotAllowedRule>()), NextStep.SignIn),

        new("proxy-connect-failed", "The HTTPS proxy dropped or refused the tunnel", Docker,
            "The client sends through an HTTPS proxy (proxyconnect) and the proxy closed the connection, refused it or did not answer before the registry was reached.",
            Patterns(@"proxyconnect tcp:[^\n]*"), Rules(Article(Symptoms.ProxyConnectEof), Rule<ProxyBlockedRule>()), NextStep.Probe),
        new("proxy-refused", "A proxy answered 403 or asked for proxy credentials", Docker,
            "A proxy, not the registry, refused the request: Go prints a refused CONNECT as the bare reason (\"Forbidden\"), squid marks its own pages, 407 asks for proxy credentials.",
            Patterns(@"https?://[^\s""]+""?:\s*Forbidden\b[^\n]*", @"X-Squid-Error[^\n]*", @"ERR_ACCESS_DENIED[^\n]*", @"Proxy Authentication Required[^\n]*",
                     @"proxy[^\n]{0,80}\b40[37]\b[^\n]*", @"\b40[37]\b[^\n]{0,80}proxy[^\n]*"),
            Rules(Rule<ProxyBlockedRule>(), Rule<ProxyDockerMismatchRule>(), Rule<EgressViaFirewallRule>()), NextStep.Probe),
        new("tls-untrusted", "The registry's certificate is not trusted", Docker,
            "The certificate presented for the registry does not chain to a trusted root or does not name it: a TLS-inspecting proxy or firewall re-signs the traffic with its own CA.",
            Patterns(@"x509: certificate signed by unknown authority[^\n]*", @"x509: certificate is valid for[^\n]*", @"x509: certificate has expired[^\n]*",
                     @"tls: failed to verify certificate[^\n]*", @"certificate verify failed[^\n]*"),
            Rule<TlsInterceptedRule>(), NextStep.Probe),
        new("dns-no-such-host", "The registry's name does not resolve", Docker + ", kubelet",
            "The client's DNS has no answer for the host: a misspelled name, a custom DNS server that does not forward to Azure DNS, or a private DNS zone that answers for the name without its record.",
            Patterns(@"lookup [^\n]*?: no such host", @"no such host", @"Temporary failure in name resolution", @"Name or service not known", @"server misbehaving"),
            NameNotResolved, NextStep.Probe),
        new("login-server-unreachable", "az acr login could not connect to the login server", "az acr login",
            "az reached neither the registry's /v2/ endpoint nor an answer from it: DNS, a firewall, a proxy or TLS inspection stops it on the way.",
            Patterns(@"Could not connect to the registry login server[^\n]*"), Article(Symptoms.CouldNotConnect), NextStep.Probe),
        new("tcp-timeout", "The connection to the registry timed out", Docker + ", kubelet",
            "TCP 443 to the address dialled got no answer: a firewall, NSG or route drops it, or a private endpoint is not approved. The address kind (public or private) tells which path was taken.",
            Patterns(@"dial tcp [^\n]*?: i/o timeout", @"connect: connection timed out[^\n]*"), Article(Symptoms.ClientTimeout), NextStep.Probe),
        new("client-timeout", "No HTTP answer in time", Docker,
            "The request was sent (or the connection was being made) and no response headers came back in time: a firewall or proxy that drops the traffic, or a data endpoint that is not allowed.",
            Patterns(@"Client\.Timeout exceeded while awaiting headers[^\n]*", @"request canceled while waiting for connection[^\n]*", @"TLS handshake timeout[^\n]*"),
            Article(Symptoms.ClientTimeout), NextStep.Probe),
        new("host-unreachable", "The registry's address cannot be reached", Docker,
            "The connection was refused or there is no route to the address: a firewall rejects it, or the name resolves to an address this network cannot reach.",
            Patterns(@"connect: connection refused[^\n]*", @"no route to host[^\n]*", @"network is unreachable[^\n]*", @"host is not reachable[^\n]*"),
            Rules(Article(Symptoms.HostNotReachable), Rule<TcpBlockedRule>()), NextStep.Probe),
        new("unauthorized", "The registry refused the credentials", Docker + ", kubelet",
            "The registry answered, so the network path works: it refused the sign-in (no or expired credentials, a missing AcrPull/AcrPush role, a cluster not attached to the registry).",
            Patterns(@"unauthorized: authentication required[^\n]*", @"\b401 Unauthorized[^\n]*", @"failed to fetch (?:anonymous|oauth) token[^\n]*",
                     @"denied: requested access to the resource is denied[^\n]*", @"unauthorized: [^\n]*"),
            CredentialsRefused, NextStep.SignIn),
        new(NetworkSettingsNotSaved, "The registry's network settings could not be changed", "Azure portal, az acr update / az acr network-rule",
            "Saving firewall or virtual network settings is an ARM write: it fails when the registry is not Premium, a documented limit is reached, " +
            "the identity may not write the registry, or a VNet rule's subnet lacks the service endpoint or its subscription the provider.",
            Patterns(@"Failed to save firewall and virtual network settings[^\n]*", @"[^\n]*does not have authorization to perform action 'Microsoft\.ContainerRegistry/registries/(?:write|privateEndpointConnectionsApproval/action)'[^\n]*",
                     @"[^\n]*\bonly (?:supported|available) (?:in|for) (?:the )?Premium\b[^\n]*"),
            Article(Symptoms.FailedToSaveNetworkSettings), NextStep.Diagnose),
        new("login-forbidden", "The registry answered 403 Forbidden", Docker + ", az acr login",
            "A 403 from the registry is its network rules refusing the client (a proxy's 403 is recognised separately).",
            Patterns(@"[^\n]*\b403 Forbidden[^\n]*", @"[^\n]*status: 403\b[^\n]*"), Article(Symptoms.LoginForbidden), NextStep.Diagnose, Fallback: true),
        new("image-pull-failed", "Kubernetes could not pull the image", "kubelet",
            "ImagePullBackOff and ErrImagePull only say that pulls keep failing; the reason is in the pod's events (\"Failed to pull image …: <error>\"). Explain that line.",
            Patterns(@"ImagePullBackOff[^\n]*", @"ErrImagePull[^\n]*", @"Back-off pulling image[^\n]*", @"Failed to pull image[^\n]*"),
            Rules(Rule<DnsUnresolvableRule>(), Rule<TcpBlockedRule>(), Rule<IpNotAllowedRule>(), Rule<AccessDisabledRule>(), Rule<TlsInterceptedRule>(), Rule<SuspectedRule>()),
            NextStep.PodEvents, Fallback: true),
    ];
}
