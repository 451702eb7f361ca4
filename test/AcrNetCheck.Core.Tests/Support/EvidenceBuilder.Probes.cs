using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>Client-side probe results and login events.</summary>
public sealed partial class EvidenceBuilder
{
    /// <summary>A probe of <paramref name="host"/> (default: the login server) that resolved, connected, shook hands and got ACR's 401 challenge.</summary>
    public EvidenceBuilder HealthyProbe(string? host = null, string address = "20.42.65.1", string purpose = EndpointPurpose.LoginServer, string? region = null)
    {
        host ??= LoginServer;
        return Probe(new EndpointProbe
        {
            Host = host, Purpose = purpose, Region = region,
            Dns = [new DnsLookup { Source = "system", Status = DnsStatus.Resolved, Addresses = [address] }],
            Tcp = new TcpProbe { Status = TcpStatus.Connected, Address = address, ElapsedMs = 12 },
            Tls = PublicTls(host),
            Http = purpose == EndpointPurpose.LoginServer
                ? new HttpProbe { Url = $"https://{host}/v2/", StatusCode = 401, Headers = { ["Www-Authenticate"] = $"Bearer realm=\"https://{host}/oauth2/token\",service=\"{host}\"" } }
                : null,
        });
    }

    public EvidenceBuilder Probe(EndpointProbe probe)
    {
        _bundle.Probes ??= new ProbeEvidence();
        _bundle.Probes.Endpoints.RemoveAll(p => string.Equals(p.Host, probe.Host, StringComparison.OrdinalIgnoreCase));
        _bundle.Probes.Endpoints.Add(probe);
        return this;
    }

    /// <summary>Changes an already added probe (add it first with <see cref="HealthyProbe"/>).</summary>
    public EvidenceBuilder WithProbe(string host, Action<EndpointProbe> change)
    {
        change(_bundle.Probes!.Endpoints.Single(p => string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase)));
        return this;
    }

    public EvidenceBuilder WithLoginProbe(Action<EndpointProbe> change) => WithProbe(LoginServer, change);

    public EvidenceBuilder Proxy(ProxyEvidence proxy)
    {
        _bundle.Probes ??= new ProbeEvidence();
        _bundle.Probes.Proxy = proxy;
        return this;
    }

    public EvidenceBuilder LoginEvents(params LoginEventGroup[] groups)
    {
        _bundle.LoginEvents = new LoginEventsEvidence
        {
            Workspaces = [$"/subscriptions/{Subscription}/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central"],
            Timespan = "P1D",
            Groups = groups.ToList(),
        };
        return this;
    }

    public static LoginEventGroup LoginEvent(string ip, string resultType, string description, long count = 3, string identity = "ci-pipeline") => new()
    {
        CallerIpAddress = ip, ResultType = resultType, ResultDescription = description, Count = count, Identity = identity,
        OperationName = "Login", LoginServer = "contoso.azurecr.io",
        FirstSeen = DateTimeOffset.Parse("2026-11-24T08:00:00Z"), LastSeen = DateTimeOffset.Parse("2026-11-24T09:30:00Z"),
        UserAgents = ["docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0-1017-azure os/linux arch/amd64"],
    };

    /// <summary>A certificate chain as ACR presents it (Microsoft Azure issuing CA under DigiCert Global Root G2).</summary>
    public static TlsProbe PublicTls(string host) => new()
    {
        Status = "ok", Protocol = "Tls13",
        Subject = "CN=*.azurecr.io", Issuer = "CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US",
        SubjectAlternativeNames = ["*.azurecr.io", "azurecr.io", "*.data.azurecr.io"],
        NotBefore = DateTimeOffset.Parse("2026-06-01T00:00:00Z"), NotAfter = DateTimeOffset.Parse("2027-06-01T00:00:00Z"),
        Chain =
        [
            new CertificateInfo { Subject = "CN=*.azurecr.io", Issuer = "CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US" },
            new CertificateInfo { Subject = "CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US", Issuer = "CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US" },
            new CertificateInfo { Subject = "CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US", Issuer = "CN=DigiCert Global Root G2, OU=www.digicert.com, O=DigiCert Inc, C=US" },
        ],
    };
}
