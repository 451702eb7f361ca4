using AcrNetCheck.Core.Explain;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Vnet;

namespace AcrNetCheck.Core.Tests.Explain;

/// <summary>
/// Messages as users paste them: docker and containerd (Go's net/http and crypto/x509 errors), kubelet events, ACR's
/// firewall answer, az acr login and az acr check-health (codes from Azure/azure-cli acr/_errors.py). Each row: the text,
/// the symptom it must be recognised as, values the text names, and what the next command must say.
/// </summary>
public class ErrorExplainerTests
{
    public sealed record Case(string Name, string Text, string? Symptom, string[] Values, string NextCommand)
    {
        public override string ToString() => Name;
    }

    private const string CheckHealthDns = "An error occurred: CONNECTIVITY_DNS_ERROR\nFailed to reach DNS for registry 'contoso.azurecr.io'. Please check if the spelling is correct, if the CLI environment is on correct cloud and your network connectivity.";

    public static TheoryData<Case> Messages() =>
    [
        new("docker, systemd-resolved", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": dial tcp: lookup contoso.azurecr.io on 127.0.0.53:53: no such host",
            "dns-no-such-host", ["host=contoso.azurecr.io", "registry=contoso", "dnsServer=127.0.0.53:53"], "acr-netcheck probe contoso.azurecr.io --dns-server 127.0.0.53:53 -o table"),
        new("docker, article form", "Error response from daemon: Get https://myregistry.azurecr.io/v2/: dial tcp: lookup myregistry.azurecr.io: no such host",
            "dns-no-such-host", ["loginServer=myregistry.azurecr.io"], "acr-netcheck probe myregistry.azurecr.io -o table"),
        new("kubelet, cluster DNS", "Failed to pull image \"contoso.azurecr.io/web:1.4\": rpc error: code = Unknown desc = failed to pull and unpack image \"contoso.azurecr.io/web:1.4\": failed to resolve reference \"contoso.azurecr.io/web:1.4\": failed to do request: Head \"https://contoso.azurecr.io/v2/web/manifests/1.4\": dial tcp: lookup contoso.azurecr.io on 10.0.0.10:53: no such host",
            "dns-no-such-host", ["image=contoso.azurecr.io/web:1.4", "dnsServer=10.0.0.10:53"], "--dns-server 10.0.0.10:53"),
        new("python resolver", "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='contoso.azurecr.io', port=443): Max retries exceeded with url: /v2/ (Caused by NameResolutionError(\"Failed to resolve 'contoso.azurecr.io' ([Errno -3] Temporary failure in name resolution)\"))",
            "dns-no-such-host", ["registry=contoso"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("containerd, data endpoint timeout", "failed to copy: httpReadSeeker: failed open: failed to do request: Get \"https://contoso.eastus.data.azurecr.io/docker/registry/v2/blobs/sha256/ab/abc/data\": dial tcp 20.42.65.2:443: i/o timeout",
            "tcp-timeout", ["dataEndpoint=contoso.eastus.data.azurecr.io", "registry=contoso", "address=20.42.65.2:443", "addressKind=public"],
            "acr-netcheck probe contoso.azurecr.io --data-endpoint contoso.eastus.data.azurecr.io -o table"),
        new("docker, private address timeout", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": dial tcp 10.1.0.4:443: i/o timeout",
            "tcp-timeout", ["address=10.1.0.4:443", "addressKind=private"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("docker, awaiting headers", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)",
            "client-timeout", ["host=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("containerd, TLS handshake timeout", "failed to do request: Head \"https://contoso.azurecr.io/v2/web/manifests/latest\": net/http: TLS handshake timeout",
            "client-timeout", ["registry=contoso"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("docker, proxy EOF", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": proxyconnect tcp: EOF",
            "proxy-connect-failed", ["host=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("article, proxy EOF", "Error response from daemon: Get <registry>: proxyconnect tcp: EOF Login failed",
            "proxy-connect-failed", [], "acr-netcheck probe <registry>.azurecr.io -o table"),
        new("docker, proxy port closed", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": proxyconnect tcp: dial tcp 10.0.0.5:3128: connect: connection refused",
            "proxy-connect-failed", ["proxy=10.0.0.5:3128"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("docker, proxy refuses CONNECT", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": Forbidden",
            "proxy-refused", ["host=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("docker, proxy wants credentials", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": Proxy Authentication Required",
            "proxy-refused", ["registry=contoso"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("squid page", "received unexpected HTTP status: 403 Forbidden\nX-Squid-Error: ERR_ACCESS_DENIED 0\nVia: 1.1 proxy.contoso.local (squid/5.7)",
            "proxy-refused", [], "acr-netcheck probe <registry>.azurecr.io -o table"),
        new("docker, unknown authority", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": x509: certificate signed by unknown authority",
            "tls-untrusted", ["host=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("go 1.20+, inspection CA named", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": tls: failed to verify certificate: x509: certificate signed by unknown authority (possibly because of \"crypto/rsa: verification error\" while trying to verify candidate authority certificate \"Contoso TLS Inspection CA\")",
            "tls-untrusted", ["issuer=Contoso TLS Inspection CA"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("wrong certificate name", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": x509: certificate is valid for *.zscaler.net, zscaler.net, not contoso.azurecr.io",
            "tls-untrusted", ["certificateNames=*.zscaler.net, zscaler.net"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("ACR firewall", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": denied: client with IP '20.81.4.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.",
            "ip-not-allowed", ["clientIp=20.81.4.12", "host=contoso.azurecr.io", "registry=contoso"], "acr-netcheck diagnose -n contoso -o table"),
        new("ACR firewall, kubelet", "Failed to pull image \"contoso.azurecr.io/web:1.4\": failed to pull and unpack image \"contoso.azurecr.io/web:1.4\": failed to resolve reference \"contoso.azurecr.io/web:1.4\": unexpected status from HEAD request to https://contoso.azurecr.io/v2/web/manifests/1.4: 403 Forbidden, denied: client with IP '52.170.1.9' is not allowed access",
            "ip-not-allowed", ["clientIp=52.170.1.9", "image=contoso.azurecr.io/web:1.4"], "acr-netcheck diagnose -n contoso -o table"),
        new("portal, network settings", "Failed to save firewall and virtual network settings for container registry 'contoso'. Error: The client 'dev@contoso.com' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/write' over scope '/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/contoso'.",
            "network-settings-not-saved", [], "acr-netcheck diagnose -n"),
        new("az acr login 403", "Error response from daemon: login attempt to https://contoso.azurecr.io/v2/ failed with status: 403 Forbidden",
            "login-forbidden", ["registry=contoso", "statusCode=403"], "acr-netcheck diagnose -n contoso -o table"),
        new("docker, unauthorized", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.",
            "unauthorized", ["registry=contoso"], "az acr login --name contoso"),
        new("kubelet, anonymous token 401", "Failed to pull image \"contoso.azurecr.io/web:1.4\": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://contoso.azurecr.io/oauth2/token?scope=repository%3Aweb%3Apull&service=contoso.azurecr.io: 401 Unauthorized",
            "unauthorized", ["statusCode=401"], "az aks check-acr --resource-group <resource-group> --name <cluster> --acr contoso.azurecr.io"),
        new("docker push, no permission", "denied: requested access to the resource is denied",
            "unauthorized", [], "az acr login --name <registry>"),
        new("kubectl events, back-off only", "  Warning  Failed     12s (x3 over 50s)  kubelet  Error: ImagePullBackOff",
            "image-pull-failed", [], "kubectl describe pod <pod> | acr-netcheck explain -"),
        new("kubectl events, image named", "  Normal   BackOff    5s (x4 over 60s)   kubelet  Back-off pulling image \"contoso.azurecr.io/web:1.4\"\n  Warning  Failed     5s (x4 over 60s)   kubelet  Error: ErrImagePull",
            "image-pull-failed", ["image=contoso.azurecr.io/web:1.4", "registry=contoso"], "kubectl describe pod <pod> | acr-netcheck explain -"),
        new("az acr login, unreachable", "Could not connect to the registry login server 'contoso.azurecr.io'. Please verify that the registry exists and the URL 'https://contoso.azurecr.io/v2/' is reachable from your environment.",
            "login-server-unreachable", ["loginServer=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("connection refused", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": dial tcp 20.42.65.1:443: connect: connection refused",
            "host-unreachable", ["address=20.42.65.1:443"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("no route", "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": dial tcp 10.1.0.4:443: connect: no route to host",
            "host-unreachable", ["addressKind=private"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("check-health DNS", CheckHealthDns, "check-health-dns", ["errorCode=CONNECTIVITY_DNS_ERROR", "registry=contoso"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("check-health forbidden", "An error occurred: CONNECTIVITY_FORBIDDEN_ERROR\nLooks like you don't have access to registry 'contoso.azurecr.io'. To see configured firewall rules, run 'az acr show --query networkRuleSet --name contoso.azurecr.io'. Details: https://learn.microsoft.com/azure/container-registry/container-registry-health-error-reference#connectivity_forbidden_error",
            "check-health-forbidden", ["registry=contoso"], "acr-netcheck diagnose -n contoso -o table"),
        new("check-health challenge", "An error occurred: CONNECTIVITY_CHALLENGE_ERROR\nRegistry 'contoso.azurecr.io' did not issue a challenge.",
            "check-health-challenge", ["loginServer=contoso.azurecr.io"], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("check-health www-authenticate", "An error occurred: CONNECTIVITY_WWW_AUTHENTICATE_ERROR\nRegistry 'contoso.azurecr.io' did not ask properly for a basic or a bearer authentication.",
            "check-health-www-authenticate", [], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("check-health SSL", "An error occurred: CONNECTIVITY_SSL_ERROR\nUnable to establish a secure connection to the registry 'contoso.azurecr.io'. Are you using a proxy server?",
            "check-health-ssl", [], "acr-netcheck probe contoso.azurecr.io -o table"),
        new("check-health refresh token", "An error occurred: CONNECTIVITY_REFRESH_TOKEN_ERROR\nAccess to registry 'contoso.azurecr.io' was denied. Response code: 403. Please try running 'az login' again to refresh permissions.",
            "check-health-refresh-token", ["statusCode=403"], "az acr login --name contoso"),
        new("check-health access token", "An error occurred: CONNECTIVITY_ACCESS_TOKEN_ERROR\nAccess to registry 'contoso.azurecr.io' was denied. Response code: 401. Please try running 'az login' again to refresh permissions.",
            "check-health-access-token", ["statusCode=401", "errorCode=CONNECTIVITY_ACCESS_TOKEN_ERROR"], "az acr login --name contoso"),
        new("check-health AAD", "An error occurred: CONNECTIVITY_AAD_LOGIN_ERROR\nRegistry 'contoso' does not support AAD login.",
            "check-health-aad-login", ["registry=contoso", "loginServer=contoso.azurecr.io"], "az acr login --name contoso"),
        new("sovereign cloud", "Error response from daemon: Get \"https://contoso.azurecr.cn/v2/\": dial tcp: lookup contoso.azurecr.cn: no such host",
            "dns-no-such-host", ["loginServer=contoso.azurecr.cn"], "acr-netcheck probe contoso.azurecr.cn -o table"),
        new("nothing known", "Error: the pipeline step 'Build' failed with exit code 137", null, [], "acr-netcheck probe <registry>.azurecr.io -o table"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public void RealMessage_IsRecognisedWithItsValuesAndNextCommand(Case message)
    {
        var explanation = ErrorExplainer.Explain(message.Text);

        Assert.Equal(message.Symptom, explanation.Symptoms.FirstOrDefault()?.Id);
        foreach (var expected in message.Values)
        {
            var (name, value) = (expected[..expected.IndexOf('=')], expected[(expected.IndexOf('=') + 1)..]);
            Assert.Contains(new ExtractedValue(name, value), explanation.Evidence);
        }
        Assert.Contains(message.NextCommand, explanation.NextCommand);
        if (message.Symptom is not null) Assert.NotEmpty(explanation.Symptoms[0].Causes);
    }

    [Fact]
    public void Messages_CoverAtLeast25RealErrors() => Assert.True(Messages().Count >= 25);

    [Fact]
    public void EveryKnownSymptom_IsExercisedByAMessage()
    {
        var seen = ((IEnumerable<object[]>)Messages()).Select(row => ((Case)row[0]).Symptom).ToHashSet();
        Assert.All(SymptomCatalog.All, s => Assert.Contains(s.Id, seen));
    }

    [Fact]
    public void SymptomIds_AreUniqueKebabCase()
    {
        var ids = SymptomCatalog.All.Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-z]+(-[a-z]+)*$", id));
    }

    [Fact]
    public void NetworkSettingsNotSaved_NamesTierLimitsAndPermissions()
    {
        var causes = ErrorExplainer.Explain("Failed to save firewall and virtual network settings for container registry 'contoso'.").Symptoms[0].Causes.Select(c => c.RuleId).ToList();

        Assert.Contains(AcrNetCheck.Core.Rules.Public.PremiumTierRequiredRule.Id, causes);
        Assert.Contains(AcrNetCheck.Core.Rules.Public.NetworkRuleLimitReachedRule.Id, causes);
        Assert.Contains(AcrNetCheck.Core.Rules.Auth.NetworkSettingsNotWritableRule.Id, causes);
    }

    [Fact]
    public void IpRefusal_NamesTheFirewallRulesThroughTheCatalog()
    {
        var causes = ErrorExplainer.Explain("denied: client with IP '20.81.4.12' is not allowed access").Symptoms[0].Causes.Select(c => c.RuleId).ToList();

        Assert.Equal(IpNotAllowedRule.Id, causes[0]);
        Assert.Contains(AccessDisabledRule.Id, causes);
        Assert.Contains(ResolvesPublicIpRule.Id, causes);
        // ACR itself answered: the proxy and DNS failures that never reach it are not candidates.
        Assert.DoesNotContain(ProxyBlockedRule.Id, causes);
        Assert.DoesNotContain(DnsUnresolvableRule.Id, causes);
    }

    [Fact]
    public void ClientTimeout_CandidatesAreTheRulesThatDeclareTheArticleSymptom()
    {
        var causes = ErrorExplainer.Explain("Client.Timeout exceeded while awaiting headers").Symptoms[0].Causes.Select(c => c.RuleId);

        var declaring = RuleCatalog.All.Where(r => r.Descriptor.Symptoms.Contains(Symptoms.ClientTimeout)).Select(r => r.Id);
        Assert.Equal(declaring.Order(), causes.Order());
    }

    [Fact]
    public void ProxyFailureThatAlsoTimesOut_IsOneProxySymptom()
    {
        var explanation = ErrorExplainer.Explain("Get \"https://contoso.azurecr.io/v2/\": proxyconnect tcp: dial tcp 10.0.0.5:3128: i/o timeout");

        Assert.Equal(["proxy-connect-failed"], explanation.Symptoms.Select(s => s.Id));
    }

    [Fact]
    public void ImagePullBackOffWithItsReason_ShowsTheReasonNotTheWrapper()
    {
        var explanation = ErrorExplainer.Explain("Warning Failed kubelet Error: ErrImagePull\nWarning Failed kubelet Failed to pull image \"contoso.azurecr.io/web:1\": x509: certificate signed by unknown authority");

        Assert.Equal(["tls-untrusted"], explanation.Symptoms.Select(s => s.Id));
        Assert.Equal(TlsInterceptedRule.Id, Assert.Single(explanation.Symptoms[0].Causes).RuleId);
    }

    [Fact]
    public void CheckHealthCode_LinksItsErrorReference()
    {
        var symptom = ErrorExplainer.Explain(CheckHealthDns).Symptoms[0];

        Assert.Equal(new Uri("https://learn.microsoft.com/azure/container-registry/container-registry-health-error-reference#connectivity_dns_error"), symptom.DocLink);
        Assert.StartsWith("CONNECTIVITY_DNS_ERROR Failed to reach DNS for registry 'contoso.azurecr.io'.", symptom.Matched);
    }

    [Fact]
    public void CredentialsRefused_PointsAtSignInNotTheNetwork()
    {
        var causes = ErrorExplainer.Explain("unauthorized: authentication required").Symptoms[0].Causes;

        Assert.Contains(SuspectedRule.Id, causes.Select(c => c.RuleId));
    }
}
