using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// probe --pull-test through the built tool in a namespace: the registry stand-in plays the token exchange, the manifest
/// and a blob redirected to a second host name (the registry's storage), and a fake az hands out the signed-in identity's
/// Microsoft Entra token. No token or SAS signature may reach stdout, stderr or the saved bundle.
/// </summary>
public class PullTestScenarioTests
{
    private const string Login = "contoso.azurecr.io";

    /// <param name="storageAddress">Where the storage host resolves: the stand-in's own listener unless a test drops it.</param>
    private static NetnsScenario Scenario(string entraToken, string storageAddress = "127.0.0.1")
    {
        var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Record(RegistryStandIn.StorageHost, storageAddress).Registry("pull");
        var bin = Path.Combine(scenario.WorkDirectory, "bin");
        Directory.CreateDirectory(bin);
        var az = Path.Combine(bin, "az");
        File.WriteAllText(az, $$"""
            #!/bin/sh
            echo "$*" >> "{{scenario.WorkDirectory}}/az.log"
            echo '{"accessToken": "{{entraToken}}", "expiresOn": "2030-01-01 00:00:00.000000", "expires_on": 1893456000, "tenant": "72f988bf-0000-0000-0000-000000000000", "tokenType": "Bearer"}'
            """);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return scenario.Env("PATH", $"{bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:{Path.GetDirectoryName(Environment.ProcessPath)}");
    }

    [NamespaceFact]
    public async Task PullTest_FollowsTheRedirectWithoutCredentials_AndProbesTheStorageHost()
    {
        using var scenario = Scenario("entra-token-with-acrpull");

        var result = await scenario.RunToolAsync("probe", Login, $"--pull-test={RegistryStandIn.Repository}:latest", "-o", "json", "--timeout", "10");

        var pullTest = (JObject)result.Bundle["probes"]!["pullTest"]!;
        var steps = pullTest["steps"]!.Select(s => ((string)s["name"]!, (int?)s["statusCode"])).ToList();
        Assert.Equal([("exchange", 200), ("token", 200), ("manifest", 200), ("blob", 307), ("storage", 206)], steps);
        Assert.Equal(RegistryStandIn.StorageHost, (string)pullTest["redirectHost"]!);
        // The storage host got its own DNS, TCP and TLS probe, as a storage endpoint.
        var storage = result.Endpoint(RegistryStandIn.StorageHost);
        Assert.Equal("connected", (string)storage["tcp"]!["status"]!);
        Assert.Equal("ok", (string)storage["tls"]!["status"]!);
        Assert.DoesNotContain(result.FindingIds, id => id == TokenExchangeRefusedRule.Id);
        Assert.Contains("--resource https://containerregistry.azure.net", File.ReadAllText(Path.Combine(scenario.WorkDirectory, "az.log")));
        AssertNoSecret(result, "entra-token-with-acrpull");
    }

    /// <summary>
    /// A registry collected elsewhere (data endpoints off, so layers come from its storage), judged from the client's subnet:
    /// what probe --bundle gets, the same ARM evidence diagnose collects.
    /// </summary>
    private static string ArmBundle(string directory)
    {
        var path = Path.Combine(directory, "arm.json");
        File.WriteAllText(path, AcrNetCheck.Core.Evidence.EvidenceLoader.Serialize(
            AcrNetCheck.Core.Tests.Support.EvidenceBuilder.Create().Registry().ReplicationsRead().ClientSubnet().Build()));
        return path;
    }

    [NamespaceFact]
    public async Task PullTest_TheReportShowsTheStorageHostProbed_AndItsPathReachable_NeverTheUnprobedWildcard()
    {
        using var scenario = Scenario("entra-token-with-acrpull");
        var arm = ArmBundle(scenario.WorkDirectory);

        var result = await scenario.RunToolAsync("probe", "--bundle", arm, $"--pull-test={RegistryStandIn.Repository}:latest", "-o", "json", "--timeout", "10");

        var report = result.Report;
        var storage = report["endpoints"]!.Single(e => (string)e["purpose"]! == "storage");
        Assert.Equal(RegistryStandIn.StorageHost, (string)storage["host"]!);
        Assert.Matches(@"^DNS 127\.0\.0\.1 .*→ TCP connected .*→ TLS ok", (string)storage["probeSummary"]!);
        Assert.DoesNotContain(report["endpoints"]!, e => ((string)e["host"]!).StartsWith('*'));
        var path = report["paths"]!.Single(p => (string)p["purpose"]! == "storage");
        Assert.Equal((RegistryStandIn.StorageHost, "reachable"), ((string)path["destination"]!, (string)path["verdict"]!));
        Assert.DoesNotContain(report["paths"]!, p => (string)p["verdict"]! == "unknown");
        Assert.DoesNotContain(result.FindingIds, id => id == AcrNetCheck.Core.Rules.Client.DataEndpointBlockedRule.Id);
        Assert.Equal(("healthy", ExitCodes.Ok), ((string)report["status"]!, result.ExitCode));
        // The table of the saved bundle says the same.
        var table = await CliRunner.RunAsync("analyze", Path.Combine(scenario.WorkDirectory, NetnsScenario.BundleFile), "-o", "table");
        var flowed = System.Text.RegularExpressions.Regex.Replace(table.StdOut, @"\s+", " ");
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(RegistryStandIn.StorageHost)} storage \(eastus\) DNS 127\.0\.0\.1 \(loopback\) → TCP connected \d+ ms → TLS ok", flowed);
        Assert.DoesNotContain("not probed", table.StdOut);
    }

    [NamespaceFact]
    public async Task PullTest_StorageHostUnreachable_IsAFindingOnTheStorageEndpoint()
    {
        // The client firewall drops what goes to the storage account's address; the registry itself answers.
        using var scenario = Scenario("entra-token-with-acrpull", storageAddress: "10.1.0.9").BlackHole("10.1.0.9");

        var result = await scenario.RunToolAsync("probe", Login, $"--pull-test={RegistryStandIn.Repository}:latest", "-o", "json", "--timeout", "10");

        var report = result.Report;
        var storage = report["endpoints"]!.Single(e => (string)e["host"]! == RegistryStandIn.StorageHost);
        Assert.Equal("storage", (string)storage["purpose"]!);
        Assert.Equal("timeout", (string)storage["probe"]!["tcp"]!["status"]!);
        var finding = report["findings"]!.Single(f => (string)f["id"]! == AcrNetCheck.Core.Rules.Client.DataEndpointBlockedRule.Id);
        Assert.Equal(RegistryStandIn.StorageHost, (string)finding["subject"]!);
        Assert.Contains("the registry's storage", (string)finding["message"]!);
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
    }

    [NamespaceFact]
    public async Task PullTest_WithoutAnImage_TakesTheCatalogsFirstRepositoryAndItsLatestTag()
    {
        using var scenario = Scenario("entra-token-with-acrpull");

        var result = await scenario.RunToolAsync("probe", Login, "--pull-test", "-o", "json", "--timeout", "10");

        var pullTest = result.Bundle["probes"]!["pullTest"]!;
        Assert.Equal((RegistryStandIn.Repository, "latest"), ((string)pullTest["repository"]!, (string)pullTest["reference"]!));
        Assert.Equal(["exchange", "token", "catalog", "token", "tags", "manifest", "blob", "storage"], pullTest["steps"]!.Select(s => (string)s["name"]!));
    }

    [NamespaceFact]
    public async Task RefusedExchange_IsAnAuthFinding_NotANetworkOne()
    {
        using var scenario = Scenario(RegistryStandIn.RefusedEntraToken);

        var result = await scenario.RunToolAsync("probe", Login, $"--pull-test={RegistryStandIn.Repository}", "-o", "json", "--timeout", "10");

        Assert.Equal(TokenExchangeRefusedRule.Id, result.FindingIds[0]);
        var finding = result.Report["findings"]![0]!;
        Assert.Contains("HTTP 401 (UNAUTHORIZED: the identity is not authorized to access the registry)", (string)finding["message"]!);
        Assert.DoesNotContain(result.FindingIds, id => id.StartsWith("client.", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        AssertNoSecret(result, RegistryStandIn.RefusedEntraToken);
    }

    [Fact]
    public async Task PullTest_BadImage_IsAUsageErrorBeforeAnyProbe()
    {
        var result = await CliRunner.RunAsync("probe", Login, "--pull-test=Samples/Hello World");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: --pull-test 'Samples/Hello World' is not a repository[:tag]", result.StdErr);
    }

    [Theory]
    [InlineData("diagnose", "-n", "contoso", "--pull-test", "--no-probes")]
    [InlineData("collect", "-n", "contoso", "--no-probes", "--pull-test=samples/hello")]
    public async Task PullTest_WithoutProbes_IsAUsageError(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: --pull-test runs with the probes from this machine: drop --no-probes.", result.StdErr.TrimEnd());
    }

    [Theory]
    [InlineData("probe", Login, "--pull-test", "samples/hello:latest")]
    [InlineData("probe", "--pull-test", "samples/hello:latest", Login)]
    [InlineData("probe", "--pull-test", "samples/hello:latest")]
    [InlineData("diagnose", "-n", "contoso", "--pull-test", "samples/hello:latest")]
    [InlineData("collect", "-n", "contoso", "--pull-test", "samples/hello:latest", "--out", "bundle.json")]
    public async Task PullTest_ImageAfterASpace_IsAUsageErrorSayingToWriteTheEqualsSign(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: --pull-test takes its image after '=': write --pull-test=samples/hello:latest (with a space, 'samples/hello:latest' is read as a separate argument).",
            result.StdErr.TrimEnd());
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public async Task Diagnose_PullTestBadImage_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("diagnose", "-n", "contoso", "--pull-test=UPPER:case");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: --pull-test 'UPPER:case' is not a repository[:tag]", result.StdErr);
    }

    private static void AssertNoSecret(ScenarioResult result, string entraToken)
    {
        var bundle = File.ReadAllText(Path.Combine(result.WorkDirectory, NetnsScenario.BundleFile));
        foreach (var secret in new[] { entraToken, RegistryStandIn.RefreshToken, RegistryStandIn.AccessToken, RegistryStandIn.SasSignature })
        {
            Assert.DoesNotContain(secret, result.StdOut);
            Assert.DoesNotContain(secret, result.StdErr);
            Assert.DoesNotContain(secret, bundle);
        }
    }
}
