using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// `acr-netcheck probe` end to end: the built tool, run as a process inside a network namespace of its own, against a
/// real DNS server (dnsmasq), a real HTTPS registry stand-in (Kestrel) and real proxies. Each scenario asserts the probe
/// evidence it must record and the rule that must fire from it.
/// </summary>
public class ProbeCommandScenarioTests
{
    private const string Login = "contoso.azurecr.io";

    /// <summary>
    /// The default --timeout (30 s, at most 5 s a probe). With --timeout 6 a probe got 1.8 s, and on a loaded 2-core machine
    /// a cold HTTPS exchange (JIT of the TLS and proxy-tunnel code) took longer: the probe recorded a timeout instead of the
    /// registry's answer, and the test read a null status. A scenario whose answers come back still ends at once.
    /// </summary>
    private static readonly string[] Probe = ["probe", Login, "-o", "json"];

    /// <summary>For scenarios that must time out: 3 s a probe, so DNS still answers within its share under load; --verbose for the timing line.</summary>
    private static readonly string[] ProbeUntilTimeout = ["probe", Login, "-o", "json", "--timeout", "10", "--verbose"];
    private static readonly TimeSpan ProbeUntilTimeoutBudget = TimeSpan.FromSeconds(9);   // 0.9 × --timeout: a tenth stays for analysis and output
    private static readonly TimeSpan ProbeUntilTimeoutPerProbe = TimeSpan.FromSeconds(3); // a third of the budget (ProbeOptions.ProbeTimeoutFor)

    /// <summary>Start-up of the runtime and the tool, which --timeout does not cover: only a guard against a real hang.</summary>
    private static readonly TimeSpan StartUpAllowance = TimeSpan.FromSeconds(30);

    [NamespaceFact]
    public async Task Healthy_RecordsEveryStepAndFindsNothing()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge");
        var result = await scenario.RunToolAsync(Probe);

        Assert.True(result.ExitCode == 0, result.Diagnostics);
        Assert.Empty(result.FindingIds);
        var probe = result.Endpoint(Login);
        Assert.Equal(["system", "resolver"], probe["dns"]!.Select(d => (string)d["source"]!));
        Assert.All(probe["dns"]!, d => Assert.Equal("127.0.0.1", (string)d["addresses"]![0]!));
        Assert.Equal("connected", (string)probe["tcp"]!["status"]!);
        Assert.Empty(probe["tls"]!["policyErrors"]!);
        Assert.Contains(NetnsScenario.RegistryCaName, (string)probe["tls"]!["chain"]!.Last()["subject"]!);
        Assert.Contains(Login, probe["tls"]!["subjectAlternativeNames"]!.Select(n => (string)n!));
        Assert.Equal(401, (int)probe["http"]!["statusCode"]!);
        Assert.StartsWith($"Bearer realm=\"https://{Login}/oauth2/token\"", (string)probe["http"]!["headers"]!["Www-Authenticate"]!);
    }

    [NamespaceFact]
    public async Task Healthy_TableShowsOneLinePerEndpoint()
    {
        // A terminal wide enough for the endpoint's whole line.
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge").Env("COLUMNS", "1000");
        var result = await scenario.RunToolAsync("probe", Login, "-o", "table");

        Assert.True(result.ExitCode == 0, result.Diagnostics);
        var line = result.StdOut.Split('\n').Single(l => l.TrimStart().StartsWith(Login));
        Assert.Matches(@"login-server\s+DNS 127\.0\.0\.1 \(loopback\) → TCP connected \d+ ms → TLS ok → HTTP 401$", line.TrimEnd());
    }

    [NamespaceFact]
    public async Task NxDomain_FiresDnsUnresolvable()
    {
        using var scenario = new NetnsScenario();
        var result = await scenario.RunToolAsync(Probe);

        Assert.True(result.ExitCode == 3, result.Diagnostics);
        Assert.Equal("client.dns-unresolvable", result.FindingIds[0]);
        var probe = result.Endpoint(Login);
        Assert.All(probe["dns"]!, d => Assert.Equal("nxdomain", (string)d["status"]!));
        Assert.Null(probe["tcp"]);
    }

    [NamespaceFact]
    public async Task PrivateAddressWithoutRoute_FailsFastAsUnreachable()
    {
        using var scenario = new NetnsScenario().Record(Login, "10.1.0.4");
        var result = await scenario.RunToolAsync(Probe);

        Assert.Contains("client.tcp-blocked", result.FindingIds);
        var tcp = result.Endpoint(Login)["tcp"]!;
        Assert.Equal("unreachable", (string)tcp["status"]!);
        Assert.True((double)tcp["elapsedMs"]! < 1000, $"connect took {tcp["elapsedMs"]} ms");
        Assert.Contains("10.1.0.4 (private)", (string)result.Report["endpoints"]![0]!["probeSummary"]!);
    }

    [NamespaceFact]
    public async Task CnameToPrivateLinkAnsweredPublicly_FiresResolvesPublicIp()
    {
        // ARM evidence (a registry with an approved private endpoint at 10.1.0.4/10.1.0.5) comes from a collected bundle.
        using var scenario = new NetnsScenario()
            .Cname(Login, "contoso.privatelink.azurecr.io").Record("contoso.privatelink.azurecr.io", "20.42.65.1")
            .Cname("contoso.eastus.data.azurecr.io", "contoso.eastus.data.privatelink.azurecr.io").Record("contoso.eastus.data.privatelink.azurecr.io", "20.42.65.2");
        var result = await scenario.RunToolAsync([.. Probe, "--bundle", CliRunner.Sample("private-endpoint-dns-not-linked.json")]);

        Assert.Contains("vnet.resolves-public-ip", result.FindingIds);
        var resolver = result.Endpoint(Login)["dns"]!.Single(d => (string)d["source"]! == "resolver");
        Assert.Equal([Login, "contoso.privatelink.azurecr.io"], resolver["cnameChain"]!.Select(n => (string)n!));
        Assert.Equal("20.42.65.1", (string)resolver["addresses"]![0]!);
        // The data endpoint came from ARM's dataEndpointHostNames, not from the command line.
        Assert.Equal("20.42.65.2", (string)result.Endpoint("contoso.eastus.data.azurecr.io")["dns"]![0]!["addresses"]![0]!);
        var finding = result.Report["findings"]!.First(f => (string)f["id"]! == "vnet.resolves-public-ip" && (string)f["subject"]! == Login);
        Assert.Contains("expected the private endpoint's 10.1.0.4", (string)finding["message"]!);
    }

    [NamespaceFact]
    public async Task BlackHoledAddress_TimesOutWithinTheTimeout()
    {
        using var scenario = new NetnsScenario().Record(Login, "10.1.0.9").BlackHole("10.1.0.9");
        var result = await scenario.RunToolAsync(ProbeUntilTimeout);

        Assert.Contains("client.tcp-blocked", result.FindingIds);
        var probe = result.Endpoint(Login);
        Assert.Equal("timeout", (string)probe["tcp"]!["status"]!);
        Assert.Equal("timeout", (string)probe["http"]!["errorKind"]!);
        AssertEndedAtItsOwnTimeout((double)probe["tcp"]!["elapsedMs"]!, result);
    }

    [NamespaceFact]
    public async Task RegistryHangs_TheCommandStillEndsWithinTheTimeout()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("hang");
        var result = await scenario.RunToolAsync(ProbeUntilTimeout);

        var http = result.Endpoint(Login)["http"]!;
        Assert.True(http.HasValues, result.Diagnostics);
        Assert.Equal("timeout", (string)http["errorKind"]!);
        AssertEndedAtItsOwnTimeout((double)http["elapsedMs"]!, result);
    }

    /// <summary>
    /// The tool's own clock, not the test's: the probe gave up at its share of --timeout and the probe run kept to its budget
    /// (the "probes finished in … of their … budget" line), each within what a loaded machine adds. The process as a whole,
    /// start-up included, is only checked against a hang.
    /// </summary>
    private static void AssertEndedAtItsOwnTimeout(double probeElapsedMs, ScenarioResult result)
    {
        Assert.Contains($"each probe up to {ProbeUntilTimeoutPerProbe.TotalSeconds:0} s", result.StdErr);
        Assert.True(TimeSpan.FromMilliseconds(probeElapsedMs) <= ProbeUntilTimeoutPerProbe + LoadedMachine.Margin,
            $"the probe gave up after {probeElapsedMs:0} ms, its timeout is {ProbeUntilTimeoutPerProbe.TotalMilliseconds:0} ms\n{result.Diagnostics}");
        var (took, budget) = result.ReportedProbeTime();
        Assert.Equal(ProbeUntilTimeoutBudget, budget);
        Assert.True(took <= budget + LoadedMachine.Margin, $"the probes took {took.TotalMilliseconds:0} ms of their {budget.TotalMilliseconds:0} ms budget\n{result.Diagnostics}");
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(10) + StartUpAllowance, $"the command did not end: {result.Diagnostics}");
    }

    [NamespaceFact]
    public async Task IpNotAllowed_RecordsTheDeniedIpAndFiresIpNotAllowed()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("ip-not-allowed");
        var result = await scenario.RunToolAsync([.. Probe, "--bundle", CliRunner.Sample("public-ip-not-allowed.json")]);

        var http = result.Endpoint(Login)["http"]!;
        Assert.Equal(403, (int)http["statusCode"]!);
        Assert.Equal(RegistryStandIn.DeniedIp, (string)http["deniedClientIp"]!);
        Assert.Contains("is not allowed access", (string)http["bodySnippet"]!);
        Assert.Equal("public.ip-not-allowed", result.FindingIds[0]);
    }

    [NamespaceFact]
    public async Task ProxyAllows_GoesThroughItAndNeverShowsItsPassword()
    {
        const string proxy = "http://alice:s3cret@127.0.0.1:3128";
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge").Tinyproxy()
            .Env("HTTPS_PROXY", proxy)
            .SysRootFile("etc/docker/daemon.json", $$"""{ "proxies": { "https-proxy": "{{proxy}}" } }""");
        var result = await scenario.RunToolAsync([.. Probe, "--debug"]);

        Assert.True(result.ExitCode == 0, result.Diagnostics);
        var http = result.Endpoint(Login)["http"]!;
        Assert.True(http["statusCode"] is JValue { Type: JTokenType.Integer }, $"no answer through the proxy: {http}\n{result.Diagnostics}");
        Assert.Equal(401, (int)http["statusCode"]!);
        Assert.Equal("http://127.0.0.1:3128", (string)http["proxy"]!);
        Assert.Contains("CONNECT", File.ReadAllText(Path.Combine(scenario.WorkDirectory, "tinyproxy.log")));
        Assert.Equal("http://127.0.0.1:3128", (string)result.Bundle["probes"]!["proxy"]!["environment"]!["httpsProxy"]!);
        Assert.DoesNotContain("client.proxy-docker-mismatch", result.FindingIds);
        foreach (var text in new[] { result.StdOut, result.StdErr, result.Bundle.ToString() })
            Assert.DoesNotContain("s3cret", text);
    }

    [NamespaceFact]
    public async Task ProxyRefusesConnect_FiresProxyBlocked()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge")
            .Tinyproxy(deniedHostPattern: @"azurecr\.io").Env("HTTPS_PROXY", "http://127.0.0.1:3128");
        var result = await scenario.RunToolAsync(Probe);

        var http = result.Endpoint(Login)["http"]!;
        Assert.Equal("proxy-connect-refused", (string)http["errorKind"]!);
        Assert.Equal(403, (int)http["proxyStatusCode"]!);
        Assert.Equal("client.proxy-blocked", result.FindingIds[0]);
    }

    [NamespaceFact]
    public async Task ProxyClosesTheConnection_FiresProxyBlocked()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge")
            .ClosingProxy().Env("HTTPS_PROXY", "http://127.0.0.1:3128");
        var result = await scenario.RunToolAsync(Probe);

        Assert.Equal("proxy-closed", (string)result.Endpoint(Login)["http"]!["errorKind"]!);
        Assert.Equal("client.proxy-blocked", result.FindingIds[0]);
    }

    [NamespaceFact]
    public async Task CertificateFromAnotherCa_RecordsTheChainAndFiresTlsIntercepted()
    {
        using var inspection = new TestCertificates("Contoso TLS Inspection CA");
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge", servedBy: inspection);
        var result = await scenario.RunToolAsync(Probe);

        var tls = result.Endpoint(Login)["tls"]!;
        Assert.Equal("CN=Contoso TLS Inspection CA", (string)tls["issuer"]!);
        Assert.Contains("RemoteCertificateChainErrors", tls["policyErrors"]!.Select(e => (string)e!));
        Assert.Contains("client.tls-intercepted", result.FindingIds);
        // An untrusted chain is recorded, not a reason to stop: the registry's answer still came back.
        Assert.Equal(401, (int)result.Endpoint(Login)["http"]!["statusCode"]!);
    }

    [NamespaceFact]
    public async Task ShellProxyButDockerDaemonWithout_FiresProxyDockerMismatch()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("challenge").Tinyproxy()
            .Env("HTTPS_PROXY", "http://127.0.0.1:3128").Env("NO_PROXY", "localhost,azurecr.io")
            .SysRootFile("etc/docker/daemon.json", """{ "log-driver": "json-file" }""");
        var result = await scenario.RunToolAsync(Probe);

        Assert.Contains("client.proxy-docker-mismatch", result.FindingIds);
        var proxy = result.Bundle["probes"]!["proxy"]!;
        Assert.False((bool)proxy["environment"]!["bypassesRegistry"]!);
        Assert.Contains("'.azurecr.io'", (string)proxy["environment"]!["bypassNote"]!);
        Assert.True((bool)proxy["dockerConfigInspected"]!);
        Assert.Null(proxy["dockerDaemon"]);
        // .NET does not bypass with "azurecr.io": the probe went through the proxy.
        Assert.Equal("http://127.0.0.1:3128", (string)result.Endpoint(Login)["http"]!["proxy"]!);
    }
}
