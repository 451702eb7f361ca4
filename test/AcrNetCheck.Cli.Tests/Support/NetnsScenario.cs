using System.Diagnostics;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>What the built tool printed in one scenario, and how long it took.</summary>
public sealed record ScenarioResult(string StdOut, string StdErr, int ExitCode, TimeSpan Elapsed, string WorkDirectory)
{
    public JObject Report => JObject.Parse(StdOut);

    /// <summary>The evidence bundle the tool saved (every scenario runs it with --out).</summary>
    public JObject Bundle => JObject.Parse(File.ReadAllText(Path.Combine(WorkDirectory, NetnsScenario.BundleFile)));

    public IReadOnlyList<string> FindingIds => Report["findings"]!.Select(f => (string)f["id"]!).ToList();

    public JObject Endpoint(string host) => (JObject)Report["endpoints"]!.Single(e => (string)e["host"]! == host)["probe"]!;

    public string Diagnostics => $"exit {ExitCode} after {Elapsed.TotalMilliseconds:0} ms\nstderr: {StdErr}\nstdout: {StdOut}";

    /// <summary>
    /// How long the probes took and the budget the tool gave them, as the tool itself reports them with --verbose
    /// ("probes finished in N ms of their M ms budget"): unlike <see cref="Elapsed"/>, free of the process's start-up.
    /// </summary>
    public (TimeSpan Took, TimeSpan Budget) ReportedProbeTime()
    {
        var line = System.Text.RegularExpressions.Regex.Match(StdErr, @"probes finished in (\d+) ms of their (\d+) ms budget");
        Assert.True(line.Success, $"no probe timing in stderr (run the tool with --verbose)\n{Diagnostics}");
        return (TimeSpan.FromMilliseconds(int.Parse(line.Groups[1].Value)), TimeSpan.FromMilliseconds(int.Parse(line.Groups[2].Value)));
    }
}

/// <summary>
/// One network namespace playing a client's network: dnsmasq with the records given, optionally the registry stand-in on
/// 127.0.0.1:443, a proxy on 127.0.0.1:3128, extra lo addresses and a black hole; the built tool runs in it as a process
/// (driven by netns-scenario.sh). Certificates: the registry's chain is issued by a CA named like Azure's real root,
/// which the tool trusts through SSL_CERT_FILE, so a healthy registry does not look intercepted.
/// </summary>
public sealed class NetnsScenario : IDisposable
{
    /// <summary>Plays the public root Azure's certificates chain to (see TlsInterceptedRule.AzureRootCertificates).</summary>
    public const string RegistryCaName = "DigiCert Global Root G2";

    public const string BundleFile = "bundle.json";

    private readonly string _dir = CreateWorkDirectory();
    private readonly List<string> _dnsmasq = ["--local=/azurecr.io/"];
    private readonly List<string> _toolArgs = [];
    private readonly List<string> _toolEnv = [];
    private readonly List<string> _hosts = ["127.0.0.1 localhost"];

    public NetnsScenario()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "home"));
        RegistryCerts = new TestCertificates(RegistryCaName);
        // The tool trusts only the registry's CA: the machine's bundle plays no part, as on a client without extra CAs.
        Env("SSL_CERT_FILE", RegistryCerts.CaPemPath);
        // Docker's configuration comes from this scenario's own root, never from the machine running the tests.
        Directory.CreateDirectory(SysRoot);
        Env("ACR_NETCHECK_SYSROOT", SysRoot);
    }

    public TestCertificates RegistryCerts { get; }
    public string SysRoot => Path.Combine(_dir, "sysroot");
    public string WorkDirectory => _dir;

    /// <summary>dnsmasq answers <paramref name="name"/> with an A record.</summary>
    public NetnsScenario Record(string name, string address) { _dnsmasq.Add($"--host-record={name},{address}"); return this; }

    public NetnsScenario Cname(string alias, string target) { _dnsmasq.Add($"--cname={alias},{target}"); return this; }

    public NetnsScenario HostsEntry(string name, string address) { _hosts.Add($"{address} {name}"); return this; }

    /// <summary>Makes an address exist inside the namespace (on lo), e.g. for a private endpoint's 10.1.0.4.</summary>
    public NetnsScenario LocalAddress(string address) { File.AppendAllText(Path.Combine(_dir, "lo-addresses"), address + "\n"); return this; }

    /// <summary>SYNs to <paramref name="address"/> vanish (a dropping firewall): connects time out.</summary>
    public NetnsScenario BlackHole(string address) { File.WriteAllText(Path.Combine(_dir, "blackhole"), address); return this; }

    /// <summary>The registry stand-in on 127.0.0.1:443, answering GET /v2/ with <paramref name="answer"/> (see RegistryStandIn).</summary>
    public NetnsScenario Registry(string answer, TestCertificates? servedBy = null)
    {
        var certs = servedBy ?? RegistryCerts;
        File.WriteAllLines(Path.Combine(_dir, "registry.args"),
            ["--listen", "127.0.0.1:443", "--cert", certs.ServerPemPath, "--key", certs.ServerKeyPath, "--answer", answer]);
        return this;
    }

    /// <summary>tinyproxy on 127.0.0.1:3128; hosts matching <paramref name="deniedHostPattern"/> (ERE) get 403 on CONNECT.</summary>
    public NetnsScenario Tinyproxy(string? deniedHostPattern = null)
    {
        var conf = new List<string> { "User nobody", "Group nogroup", "Port 3128", "Listen 127.0.0.1", "Allow 127.0.0.1", "ConnectPort 443", "LogLevel Info", "MaxClients 20" };
        if (deniedHostPattern is not null)
        {
            var filter = Path.Combine(_dir, "tinyproxy.filter");
            File.WriteAllText(filter, deniedHostPattern + "\n");
            conf.AddRange([$"Filter \"{filter}\"", "FilterType ere", "FilterDefaultDeny No"]);
        }
        File.WriteAllLines(Path.Combine(_dir, "tinyproxy.conf"), conf);
        return this;
    }

    /// <summary>A proxy on 127.0.0.1:3128 that reads CONNECT and hangs up.</summary>
    public NetnsScenario ClosingProxy() { File.WriteAllText(Path.Combine(_dir, "closing-proxy"), ""); return this; }

    public NetnsScenario Env(string name, string value) { _toolEnv.Add($"{name}={value}"); return this; }

    /// <summary>A file below the scenario's root, e.g. "etc/docker/daemon.json".</summary>
    public NetnsScenario SysRootFile(string relativePath, string content)
    {
        var path = Path.Combine(SysRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public async Task<ScenarioResult> RunToolAsync(params string[] args)
    {
        _toolArgs.AddRange([.. args, "--out", Path.Combine(_dir, BundleFile)]);
        File.WriteAllLines(Path.Combine(_dir, "dnsmasq.args"), _dnsmasq);
        File.WriteAllLines(Path.Combine(_dir, "hosts"), _hosts);
        File.WriteAllText(Path.Combine(_dir, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        File.WriteAllLines(Path.Combine(_dir, "tool.args"), _toolArgs);
        File.WriteAllLines(Path.Combine(_dir, "tool.env"), _toolEnv);

        var bin = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("unshare", ["-mn", "bash", Path.Combine(bin, "Support", "netns-scenario.sh"), _dir, bin])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try { await process.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"scenario script hung: {await stderr}"); }
        if (process.ExitCode != 0) throw new InvalidOperationException($"scenario script failed ({process.ExitCode}): {await stderr}");

        string Read(string name) => File.ReadAllText(Path.Combine(_dir, name));
        return new ScenarioResult(Read("tool.stdout"), Read("tool.stderr"), int.Parse(Read("tool.rc").Trim()),
            TimeSpan.FromMilliseconds(double.Parse(Read("tool.ms").Trim())), _dir);
    }

    /// <summary>World-readable: tinyproxy drops to "nobody" before it reads its filter file.</summary>
    private static string CreateWorkDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("acr-netcheck-netns-");
        if (!OperatingSystem.IsWindows()) dir.UnixFileMode |= UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        return dir.FullName;
    }

    public void Dispose()
    {
        RegistryCerts.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
