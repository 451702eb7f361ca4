using AcrNetCheck.Core.Collection.Probes.Proxy;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Proxy;

public sealed class DockerProxyConfigTests : IDisposable
{
    private const string Login = "contoso.azurecr.io";
    private readonly string _root = Directory.CreateTempSubdirectory("acr-netcheck-docker-").FullName;
    private DockerConfigPaths Paths => DockerConfigPaths.From(name => name switch
    {
        "ACR_NETCHECK_SYSROOT" => _root,
        "DOCKER_CONFIG" => Path.Combine(_root, "client"),
        _ => null,
    });

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void DaemonJsonProxies_AreRead_WithoutCredentials()
    {
        Write("etc/docker/daemon.json", """{ "proxies": { "https-proxy": "http://bob:pw@proxy:3128", "no-proxy": "azurecr.io" } }""");
        var daemon = DockerProxyConfig.Daemon(Paths, Login)!;
        Assert.Equal("http://proxy:3128", daemon.HttpsProxy);
        Assert.EndsWith("daemon.json", daemon.Source);
        // Docker (Go) bypasses subdomains of "azurecr.io", unlike .NET.
        Assert.True(daemon.BypassesRegistry);
    }

    [Fact]
    public void SystemdDropIns_AreReadInNameOrder_TheLaterAssignmentWinning()
    {
        Write("etc/systemd/system/docker.service.d/10-proxy.conf", "[Service]\nEnvironment=\"HTTPS_PROXY=http://first:3128\" \"NO_PROXY=localhost\"\n");
        Write("etc/systemd/system/docker.service.d/20-proxy.conf", "[Service]\nEnvironment=HTTPS_PROXY=http://second:3128\n");
        Write("etc/systemd/system/docker.service.d/limits.conf", "[Service]\nLimitNOFILE=1048576\n");
        var daemon = DockerProxyConfig.Daemon(Paths, Login)!;
        Assert.Equal("http://second:3128", daemon.HttpsProxy);
        Assert.Equal("localhost", daemon.NoProxy);
        Assert.DoesNotContain("limits.conf", daemon.Source);
    }

    [Fact]
    public void DaemonJsonWinsOverSystemd()
    {
        Write("etc/docker/daemon.json", """{ "proxies": { "https-proxy": "http://json:3128" } }""");
        Write("etc/systemd/system/docker.service.d/http-proxy.conf", "[Service]\nEnvironment=\"HTTPS_PROXY=http://systemd:3128\"\n");
        Assert.Equal("http://json:3128", DockerProxyConfig.Daemon(Paths, Login)!.HttpsProxy);
    }

    [Fact]
    public void DaemonWithoutProxy_IsPresentButHasNone()
    {
        Write("etc/docker/daemon.json", """{ "log-driver": "json-file" }""");
        Assert.True(DockerProxyConfig.DaemonPresent(Paths));
        Assert.Null(DockerProxyConfig.Daemon(Paths, Login));
    }

    [Fact]
    public void NoDockerAtAll_IsNotPresent() => Assert.False(DockerProxyConfig.DaemonPresent(Paths));

    [Fact]
    public void MalformedDaemonJson_ReadsAsNoProxy()
    {
        Write("etc/docker/daemon.json", "{ not json");
        Assert.Null(DockerProxyConfig.Daemon(Paths, Login));
    }

    [Fact]
    public void ClientConfigProxies_AreRead()
    {
        Write("client/config.json", """{ "auths": {}, "proxies": { "default": { "httpsProxy": "http://client:3128", "noProxy": ".azurecr.io" } } }""");
        var client = DockerProxyConfig.FromClientConfig(Paths.ClientConfigJson, Login)!;
        Assert.Equal("http://client:3128", client.HttpsProxy);
        Assert.True(client.BypassesRegistry);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
