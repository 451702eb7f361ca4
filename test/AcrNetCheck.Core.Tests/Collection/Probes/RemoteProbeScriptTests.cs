using AcrNetCheck.Core.Collection.Probes.Remote;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Tests.Collection.Probes;

public class RemoteProbeScriptTests
{
    private static readonly RegistryEndpoint[] Endpoints =
    [
        new("contoso.azurecr.io", "login-server", "eastus"),
        new("contoso.eastus.data.azurecr.io", "data-endpoint", "eastus"),
    ];

    [Fact]
    public void Script_ProbesEachHost_AndCarriesNoCredential()
    {
        var script = RemoteProbeScript.For(Endpoints.Select(e => e.Host).ToList());

        Assert.Contains("probe contoso.azurecr.io", script);
        Assert.Contains("probe contoso.eastus.data.azurecr.io", script);
        Assert.Contains("getent ahostsv4", script);
        Assert.DoesNotContain("Authorization", script, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("token", script, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("contoso.azurecr.io;rm -rf /")]
    [InlineData("$(id).azurecr.io")]
    [InlineData("")]
    public void Script_RefusesAnythingButADnsName(string host) =>
        Assert.Throws<ArgumentException>(() => RemoteProbeScript.For([host]));

    [Fact]
    public void Output_BecomesProbeEvidence()
    {
        const string output = """
            Enable succeeded:
            [stdout]
            acr-netcheck|contoso.azurecr.io|resolved|20.42.65.1|0|401|20.42.65.1
            acr-netcheck|contoso.eastus.data.azurecr.io|resolved|20.42.66.9|28|000|
            [stderr]
            """;

        var probes = RemoteProbeScript.Parse(output, Endpoints);

        var login = probes.Single(p => p.Host == "contoso.azurecr.io");
        Assert.Equal((DnsStatus.Resolved, "20.42.65.1"), (login.Dns[0].Status, login.Dns[0].Addresses.Single()));
        Assert.Equal((TcpStatus.Connected, 401), (login.Tcp!.Status, login.Http!.StatusCode));
        var data = probes.Single(p => p.Host == "contoso.eastus.data.azurecr.io");
        Assert.Equal((TcpStatus.Timeout, "20.42.66.9"), (data.Tcp!.Status, data.Tcp.Address));
        Assert.Null(data.Http);
    }

    [Fact]
    public void UnresolvedName_IsNxDomain_WithoutConnection()
    {
        var probe = Assert.Single(RemoteProbeScript.Parse("acr-netcheck|contoso.azurecr.io|nxdomain||||", Endpoints));

        Assert.Equal(DnsStatus.NxDomain, probe.Dns[0].Status);
        Assert.Null(probe.Tcp);
    }

    [Fact]
    public void LinesForOtherHostsOrMalformed_AreIgnored()
    {
        Assert.Empty(RemoteProbeScript.Parse("acr-netcheck|evil.example|resolved|1.2.3.4|0|200|1.2.3.4\nacr-netcheck|contoso.azurecr.io\nhello", Endpoints));
    }
}
