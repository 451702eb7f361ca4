using System.Text;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;

namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>
/// A local Azure for one test: the fake ARM serving a bundle over HTTPS, an Azure CLI configuration whose active cloud is
/// a custom cloud pointing at it, a fake <c>az</c> first on PATH handing out the fake's token, and the CA trusted through
/// SSL_CERT_FILE. Nothing leaves loopback.
/// </summary>
public sealed class LocalAzure : IAsyncDisposable
{
    public const string CloudName = "LocalArm";
    private readonly DirectoryInfo _home;

    private readonly IAsyncDisposable _server;
    private readonly FakeArm? _arm;

    /// <param name="server">What plays ARM at <paramref name="armBase"/>: the fake ARM, or the fleet's Resource Graph stand-in.</param>
    private LocalAzure(IAsyncDisposable server, Uri armBase, string armToken, FakeLogAnalytics? logs, DirectoryInfo home, TestCertificates certs)
    {
        _server = server;
        _arm = server as FakeArm;
        Logs = logs;
        _home = home;
        ConfigDir = Path.Combine(home.FullName, ".azure");
        Directory.CreateDirectory(ConfigDir);
        BinDir = Path.Combine(home.FullName, "bin");
        Directory.CreateDirectory(BinDir);
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = home.FullName,
            ["AZURE_CONFIG_DIR"] = ConfigDir,
            ["SSL_CERT_FILE"] = certs.CaPemPath,
            // The CLI credential alone: DefaultAzureCredential never probes IMDS in a test.
            ["AZURE_TOKEN_CREDENTIALS"] = "AzureCliCredential",
            ["PATH"] = $"{BinDir}:{System.Environment.GetEnvironmentVariable("PATH")}",
            ["NO_COLOR"] = "1",
        };
        File.WriteAllText(Path.Combine(ConfigDir, "config"), $"[cloud]\nname = {CloudName}\n\n[core]\noutput = json\n");
        File.WriteAllText(Path.Combine(ConfigDir, "clouds.config"),
            $"[{CloudName}]\nendpoint_resource_manager = {armBase}\nendpoint_active_directory = https://login.microsoftonline.com\n" +
            $"endpoint_active_directory_resource_id = https://management.core.windows.net/\nendpoint_log_analytics_resource_id = {logs?.BaseUri ?? armBase}\n" +
            "suffix_acr_login_server_endpoint = .azurecr.io\n");
        // az writes azureProfile.json with a UTF-8 byte order mark.
        File.WriteAllText(Path.Combine(ConfigDir, "azureProfile.json"),
            $$$"""{"installationId": "x", "subscriptions": [{"id": "{{{EvidenceBuilder.Subscription}}}", "name": "Contoso Production", "state": "Enabled", "tenantId": "72f988bf-0000-0000-0000-000000000000", "isDefault": true, "environmentName": "{{{CloudName}}}", "user": {"name": "tester@contoso.example", "type": "user"}}]}""",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        // az hands out a token per audience (--resource): the Log Analytics stand-in's own for its endpoint, ARM's otherwise.
        var logsAudience = logs is null ? "no-log-analytics-stand-in" : logs.BaseUri.Authority;
        WriteFakeAz($$"""
            echo "$*" >> "{{AzInvocationsPath}}"
            case "$*" in *{{logsAudience}}*) token={{logs?.AccessToken}};; *) token={{armToken}};; esac
            echo '{"accessToken": "'$token'", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000, "subscription": "{{EvidenceBuilder.Subscription}}", "tenant": "72f988bf-0000-0000-0000-000000000000", "tokenType": "Bearer"}'
            """);
    }

    /// <param name="logs">The Log Analytics stand-in; without one, diagnose and collect run with --no-logs.</param>
    public static async Task<LocalAzure> StartAsync(TestCertificates certs, EvidenceBundle fixture, FakeArmOptions? options = null, FakeLogAnalytics? logs = null)
    {
        var arm = await FakeArm.StartAsync(certs, EvidenceLoader.Serialize(fixture), options);
        return new LocalAzure(arm, arm.BaseUri, arm.AccessToken, logs, Directory.CreateTempSubdirectory("acr-netcheck-azure-"), certs);
    }

    /// <summary>A local Azure whose ARM endpoint is <paramref name="server"/> (e.g. the fleet's Resource Graph stand-in), which takes any token.</summary>
    public static LocalAzure Over(HttpsTestServer server, TestCertificates certs) =>
        new(server, server.BaseUri, "fleet-token-" + Guid.NewGuid().ToString("N"), null, Directory.CreateTempSubdirectory("acr-netcheck-azure-"), certs);

    /// <summary>A local Azure whose ARM endpoint is whatever listens at <paramref name="armBase"/> (e.g. a port that resets every connection).</summary>
    public static LocalAzure Over(IAsyncDisposable server, Uri armBase, TestCertificates certs) =>
        new(server, armBase, "any-token-" + Guid.NewGuid().ToString("N"), null, Directory.CreateTempSubdirectory("acr-netcheck-azure-"), certs);

    public FakeArm Arm => _arm ?? throw new InvalidOperationException("this local Azure is not played by the fake ARM");
    public FakeLogAnalytics? Logs { get; }
    public string ConfigDir { get; }
    public string BinDir { get; }
    public Dictionary<string, string> Environment { get; }

    private string AzInvocationsPath => Path.Combine(_home.FullName, "az-invocations.log");

    /// <summary>The arguments of each run of the default fake az, one line each.</summary>
    public IReadOnlyList<string> AzInvocations => File.Exists(AzInvocationsPath) ? File.ReadAllLines(AzInvocationsPath) : [];

    /// <summary>Replaces the fake az's body (a POSIX shell script); e.g. one that fails as a signed-out az does.</summary>
    public void WriteFakeAz(string body)
    {
        var path = Path.Combine(BinDir, "az");
        File.WriteAllText(path, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public Task<CliResult> RunAsync(params string[] args) => ToolProcess.RunAsync(Environment, null, Scoped(args));

    public Task<CliResult> RunAsync(TimeSpan limit, params string[] args) => ToolProcess.RunAsync(Environment, limit, Scoped(args));

    /// <summary>Runs with stderr on a terminal and stdout to a file (<see cref="ToolProcess.RunOnTerminalAsync"/>).</summary>
    public Task<CliResult> RunOnTerminalAsync(params string[] args) => ToolProcess.RunOnTerminalAsync(Environment, Scoped(args));

    /// <summary>
    /// The local ARM serves names like contoso.azurecr.io that only a namespace may resolve: outside one, probing them would
    /// ask the machine's real resolver. So ARM runs here skip the client probes (tested in their namespaces instead), and the
    /// login events unless a Log Analytics stand-in plays them (the endpoint then still points at loopback, never the real API).
    /// </summary>
    private string[] Scoped(string[] args) => args.Length > 0 && args[0] is "diagnose" or "collect"
        ? [.. args, "--no-probes", .. Logs is null ? ["--no-logs"] : Array.Empty<string>()]
        : args;

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        if (Logs is not null) await Logs.DisposeAsync();
        try { _home.Delete(recursive: true); } catch (IOException) { }
    }
}
