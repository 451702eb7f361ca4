namespace AcrNetCheck.Core.Evidence;

/// <summary>What the client-side probes saw, from the vantage in <see cref="EvidenceBundle.Vantage"/>.</summary>
public sealed class ProbeEvidence
{
    public List<EndpointProbe> Endpoints { get; set; } = new();
    public ProxyEvidence? Proxy { get; set; }
    /// <summary>The real pull path (probe --pull-test); null when it was not asked for.</summary>
    public PullTestEvidence? PullTest { get; set; }
}

internal static class EndpointPurpose
{
    public const string LoginServer = "login-server";
    public const string DataEndpoint = "data-endpoint";
    public const string Storage = "storage";
    public const string RegionalEndpoint = "regional-endpoint";
}

public sealed class EndpointProbe
{
    public string Host { get; set; } = "";
    /// <summary>One of <see cref="EndpointPurpose"/>.</summary>
    public string Purpose { get; set; } = EndpointPurpose.LoginServer;
    public string? Region { get; set; }
    /// <summary>One lookup per resolver asked: <c>system</c> (what docker sees, honours /etc/hosts), <c>resolver</c> (DnsClient, with the CNAME chain), <c>server:&lt;ip&gt;</c>.</summary>
    public List<DnsLookup> Dns { get; set; } = new();
    public TcpProbe? Tcp { get; set; }
    public TlsProbe? Tls { get; set; }
    public HttpProbe? Http { get; set; }
}

internal static class DnsStatus
{
    public const string Resolved = "resolved";
    public const string NxDomain = "nxdomain";
    public const string ServFail = "servfail";
    public const string Timeout = "timeout";
    public const string NoData = "nodata";
    public const string Error = "error";
}

public sealed class DnsLookup
{
    public string Source { get; set; } = "system";
    /// <summary>One of <see cref="DnsStatus"/>.</summary>
    public string Status { get; set; } = DnsStatus.Resolved;
    public List<string> Addresses { get; set; } = new();
    /// <summary>Names followed from the asked name to the A record, e.g. contoso.azurecr.io → contoso.privatelink.azurecr.io.</summary>
    public List<string> CnameChain { get; set; } = new();
    public double? ElapsedMs { get; set; }
    public string? Error { get; set; }
}

internal static class TcpStatus
{
    public const string Connected = "connected";
    public const string Timeout = "timeout";
    public const string Refused = "refused";
    public const string Unreachable = "unreachable";
    public const string NotAttempted = "not-attempted";
    public const string Error = "error";
}

public sealed class TcpProbe
{
    /// <summary>One of <see cref="TcpStatus"/>.</summary>
    public string Status { get; set; } = TcpStatus.Connected;
    public string? Address { get; set; }
    public int Port { get; set; } = 443;
    public double? ElapsedMs { get; set; }
    public string? Error { get; set; }
}

public sealed class TlsProbe
{
    /// <summary><c>ok</c> when the handshake completed (even if validation failed), else <c>failed</c>.</summary>
    public string Status { get; set; } = "ok";
    public string? Protocol { get; set; }
    public string? Subject { get; set; }
    public string? Issuer { get; set; }
    public List<string> SubjectAlternativeNames { get; set; } = new();
    public DateTimeOffset? NotBefore { get; set; }
    public DateTimeOffset? NotAfter { get; set; }
    /// <summary>Chain from leaf to root as the client built it.</summary>
    public List<CertificateInfo> Chain { get; set; } = new();
    /// <summary><c>SslPolicyErrors</c> flags by name (empty when the platform trusted the chain for this name).</summary>
    public List<string> PolicyErrors { get; set; } = new();
    /// <summary><c>X509ChainStatusFlags</c> by name, e.g. UntrustedRoot, PartialChain, NotTimeValid.</summary>
    public List<string> ChainStatus { get; set; } = new();
    public string? Error { get; set; }
}

public sealed class CertificateInfo
{
    public string Subject { get; set; } = "";
    public string Issuer { get; set; } = "";
    public string? Thumbprint { get; set; }
}

internal static class HttpErrorKind
{
    public const string ProxyConnectRefused = "proxy-connect-refused";
    public const string ProxyClosed = "proxy-closed";
    public const string ProxyAuthRequired = "proxy-auth-required";
    public const string ProxyUnreachable = "proxy-unreachable";
    public const string Timeout = "timeout";
    public const string Connection = "connection";
    public const string Tls = "tls";
}

public sealed class HttpProbe
{
    public string Url { get; set; } = "";
    public int? StatusCode { get; set; }
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public string? BodySnippet { get; set; }
    /// <summary>The client IP ACR named in a 403 "client with IP '…' is not allowed access" body.</summary>
    public string? DeniedClientIp { get; set; }
    /// <summary>The proxy the request went through, as configured (credentials removed).</summary>
    public string? Proxy { get; set; }
    /// <summary>The status the proxy answered CONNECT with, when it refused the tunnel.</summary>
    public int? ProxyStatusCode { get; set; }
    /// <summary>One of <see cref="HttpErrorKind"/> when no HTTP response came back.</summary>
    public string? ErrorKind { get; set; }
    public string? Error { get; set; }
    public double? ElapsedMs { get; set; }
}

public sealed class ProxyEvidence
{
    /// <summary>HTTPS_PROXY / HTTP_PROXY / NO_PROXY of the shell the tool ran in (either case).</summary>
    public ProxySettings? Environment { get; set; }
    /// <summary>The Docker daemon's proxy (daemon.json <c>proxies</c> or systemd <c>Environment=</c>), null when none was found.</summary>
    public ProxySettings? DockerDaemon { get; set; }
    /// <summary>~/.docker/config.json <c>proxies</c> (applied to containers, not to pulls).</summary>
    public ProxySettings? DockerClient { get; set; }
    /// <summary>Whether the Docker daemon's configuration was looked for at all (false: not on this machine, or not readable).</summary>
    public bool DockerConfigInspected { get; set; }
}

public sealed class ProxySettings
{
    public string? Source { get; set; }
    public string? HttpsProxy { get; set; }
    public string? HttpProxy { get; set; }
    public string? NoProxy { get; set; }
    /// <summary>
    /// Whether NO_PROXY makes the login server bypass the proxy, applied the way the reader of these settings applies it:
    /// .NET for the shell's environment, Docker (Go) for Docker's settings.
    /// </summary>
    public bool? BypassesRegistry { get; set; }
    /// <summary>Why an entry that looks like it covers the registry does not bypass it for .NET clients (a missing leading dot).</summary>
    public string? BypassNote { get; set; }
}

internal static class VantageKind
{
    public const string Local = "local";
    public const string CloudShell = "cloud-shell";
    public const string AzureVm = "azure-vm";
    public const string AksNode = "aks-node";
    /// <summary>No probes ran: the vantage is a subnet judged from ARM configuration.</summary>
    public const string Subnet = "subnet";
}

public sealed class VantageEvidence
{
    /// <summary>One of <see cref="VantageKind"/>.</summary>
    public string Kind { get; set; } = VantageKind.Local;
    public string? Hostname { get; set; }
    /// <summary>The public address the registry sees for this client, when known.</summary>
    public string? PublicIp { get; set; }
    /// <summary>The client's subnet (resource id), when the client sits in an Azure VNet; with several source subnets, the first.</summary>
    public string? SubnetId { get; set; }
    /// <summary>
    /// Every subnet to judge reachability from, when the user named more than one client subnet (a VNet's subnets, an AKS
    /// cluster's agent-pool subnets). Null when the vantage has at most <see cref="SubnetId"/>.
    /// </summary>
    public List<string>? SourceSubnetIds { get; set; }
    /// <summary>What the user named as the source (<c>--from</c>): a subnet, a VNet or an AKS cluster.</summary>
    public VantageSource? Source { get; set; }
    /// <summary>The client's NIC (resource id), when known; its NSG is evaluated too.</summary>
    public string? NetworkInterfaceId { get; set; }
    /// <summary>
    /// Scale-set instance NICs the source stands for (<c>--aks</c>: one representative instance per agent pool;
    /// <c>--from &lt;vmss instance&gt;</c>: the instance's primary NIC). ARM computes no effective routes or NSGs for them;
    /// Network Watcher's networkConfigurationDiagnostic answers for their NSGs. Null when there are none.
    /// </summary>
    public List<string>? ScaleSetNetworkInterfaceIds { get; set; }
    public List<string> Notes { get; set; } = new();
}

/// <summary>The source the user named; <see cref="VantageEvidence.SourceSubnetIds"/> holds the subnets it stands for.</summary>
public sealed class VantageSource
{
    /// <summary>One of <see cref="VantageSourceKind"/>.</summary>
    public string Kind { get; set; } = VantageSourceKind.Subnet;
    public string? Id { get; set; }
}

public static class VantageSourceKind
{
    public const string Subnet = "subnet";
    public const string Vnet = "vnet";
    public const string Aks = "aks";
    /// <summary>A virtual machine: the subnet of its primary NIC, and what Azure applies to that NIC (effective routes and NSGs).</summary>
    public const string Vm = "vm";
    /// <summary>A network interface: its subnet, and what Azure applies to it.</summary>
    public const string Nic = "nic";
    /// <summary>A virtual machine scale set instance: the subnet of its primary NIC, and Network Watcher's diagnostic of that NIC's NSGs.</summary>
    public const string VmssInstance = "vmss-instance";
}

public sealed class LoginEventsEvidence
{
    /// <summary>Log Analytics workspaces (resource ids) that were queried.</summary>
    public List<string> Workspaces { get; set; } = new();
    /// <summary>The registry's resource id when its logs were queried resource-centric (a workspace could not be read).</summary>
    public string? ResourceCentric { get; set; }
    /// <summary>ISO 8601 duration of the window queried, e.g. P1D.</summary>
    public string? Timespan { get; set; }
    public List<LoginEventGroup> Groups { get; set; } = new();
}

/// <summary>One row of the server-side summary of ContainerRegistryLoginEvents.</summary>
public sealed class LoginEventGroup
{
    public string? CallerIpAddress { get; set; }
    public string? Identity { get; set; }
    public string? ResultType { get; set; }
    public string? ResultDescription { get; set; }
    public string? OperationName { get; set; }
    public string? LoginServer { get; set; }
    public long Count { get; set; }
    public DateTimeOffset? FirstSeen { get; set; }
    public DateTimeOffset? LastSeen { get; set; }
    /// <summary>Up to three distinct user agents of the group (docker, helm, kubelet, a CI runner …).</summary>
    public List<string> UserAgents { get; set; } = new();
}
