using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>Client-side failures as the probes record them: blocked TCP, proxies, intercepted TLS, ACR's 403.</summary>
public sealed partial class EvidenceBuilder
{
    /// <summary>The name resolved but TCP 443 did not connect, so no TLS or HTTP followed.</summary>
    public EvidenceBuilder TcpBlocked(string host, string status = TcpStatus.Timeout, double elapsedMs = 21000) =>
        WithProbe(host, p =>
        {
            p.Tcp = new TcpProbe { Status = status, Address = p.ResolvedAddresses().FirstOrDefault(), ElapsedMs = elapsedMs };
            p.Tls = null;
            p.Http = null;
        });

    /// <summary>The request went through <paramref name="proxy"/>, which failed it as <paramref name="errorKind"/>.</summary>
    public EvidenceBuilder ProxyFailure(string host, string errorKind, string proxy = "http://proxy.corp.example:3128", int? proxyStatus = null) =>
        WithProbe(host, p =>
        {
            p.Tls = null;
            p.Http = new HttpProbe { Url = $"https://{host}/v2/", Proxy = proxy, ErrorKind = errorKind, ProxyStatusCode = proxyStatus };
        });

    /// <summary>ACR answered 403 with its "client with IP '…' is not allowed access" body.</summary>
    public EvidenceBuilder DeniedByRegistry(string clientIp) =>
        WithLoginProbe(p =>
        {
            p.Http = new HttpProbe
            {
                Url = $"https://{p.Host}/v2/", StatusCode = 403,
                BodySnippet = $"{{\"errors\":[{{\"code\":\"DENIED\",\"message\":\"client with IP '{clientIp}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.\"}}]}}",
                DeniedClientIp = clientIp,
            };
        });

    /// <summary>A certificate re-signed by an inspection CA whose root is <paramref name="root"/>.</summary>
    public EvidenceBuilder InterceptedTls(string host, string root = "CN=Contoso Inspection Root CA, O=Contoso", string[]? policyErrors = null, string[]? chainStatus = null) =>
        WithProbe(host, p =>
        {
            const string issuer = "CN=Contoso Inspection Issuing CA, O=Contoso";
            p.Tls = new TlsProbe
            {
                Status = "ok", Protocol = "Tls12", Subject = "CN=*.azurecr.io", Issuer = issuer,
                Chain =
                [
                    new CertificateInfo { Subject = "CN=*.azurecr.io", Issuer = issuer },
                    new CertificateInfo { Subject = issuer, Issuer = root },
                    new CertificateInfo { Subject = root, Issuer = root },
                ],
                PolicyErrors = (policyErrors ?? []).ToList(),
                ChainStatus = (chainStatus ?? []).ToList(),
            };
        });

    /// <summary>The shell's proxy settings and the Docker daemon's (null: none configured).</summary>
    public EvidenceBuilder ShellProxy(string? httpsProxy, string? daemonHttpsProxy = null, bool dockerConfigInspected = true, string? noProxy = null) =>
        Proxy(new ProxyEvidence
        {
            Environment = new ProxySettings { Source = "environment", HttpsProxy = httpsProxy, NoProxy = noProxy },
            DockerDaemon = daemonHttpsProxy is null ? null : new ProxySettings { Source = "/etc/docker/daemon.json", HttpsProxy = daemonHttpsProxy },
            DockerConfigInspected = dockerConfigInspected,
        });
}
