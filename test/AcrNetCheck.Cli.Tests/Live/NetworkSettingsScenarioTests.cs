using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// "Can't change network settings" through the built tool against the local ARM: the tier, and the caller's permissions
/// from ARM's permissions API (read once at the registry's scope, recorded in the bundle, replayed by analyze).
/// </summary>
public sealed class NetworkSettingsScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const string PermissionsPath = "/providers/Microsoft.Authorization/permissions";

    [Fact]
    public async Task StandardRegistryWithIpRules_PremiumTierRequired_WithTheSkuFix()
    {
        var fixture = EvidenceBuilder.Create().Registry(sku: "Standard").DefaultDeny().IpRule("203.0.113.0/24").ReplicationsRead().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "-o", "json");

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        var finding = JObject.Parse(result.StdOut)["findings"]!.Single(f => (string)f["id"]! == PremiumTierRequiredRule.Id);
        Assert.Equal("az acr update --name contoso --sku Premium", (string)finding["solution"]![0]!);
    }

    [Fact]
    public async Task StandardRegistry_ReportedFailedSave_IsToldThePremiumTierIsNeeded()
    {
        var fixture = EvidenceBuilder.Create().Registry(sku: "Standard").ReplicationsRead().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--error", "Failed to save firewall and virtual network settings for container registry 'contoso'.",
            "--query", "findings[0].id", "-o", "tsv");

        Assert.Equal(PremiumTierRequiredRule.Id, result.StdOut.Trim());
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
    }

    [Fact]
    public async Task ReaderOnlyCaller_IsToldItCannotChangeNetworkSettings_AndAnalyzeReplaysIt()
    {
        var scenario = ArmScenario.FromSample("public-ip-not-allowed");
        var options = new FakeArmOptions { CallerPermissions = [(["*/read"], [])] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);
        var bundlePath = Path.Combine(Path.GetTempPath(), $"acr-netcheck-permissions-{Guid.NewGuid():N}.json");

        var diagnosed = await azure.RunAsync(scenario.Args("diagnose", "--query", "findings[?id=='auth.network-settings-not-writable'].evidence[].expected"));
        var collected = await azure.RunAsync(scenario.Args("collect", "--out", bundlePath));
        var replayed = await CliRunner.RunAsync("analyze", bundlePath, "--query", "findings[?id=='auth.network-settings-not-writable'].evidence[].expected");

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        // One read per run (diagnose, collect), at the registry's scope.
        Assert.Equal(2, azure.Arm.ArmPaths.Count(p => p.EndsWith(PermissionsPath, StringComparison.OrdinalIgnoreCase) && p.Contains("/registries/contoso/", StringComparison.OrdinalIgnoreCase)));
        var expected = NetworkSettingsNotWritableRule.NetworkChangeActions.Select(a => a.Action);
        Assert.Equal(expected, JArray.Parse(diagnosed.StdOut).Values<string>());
        Assert.Equal(expected, JArray.Parse(replayed.StdOut).Values<string>());
        File.Delete(bundlePath);
    }

    [Fact]
    public async Task PermissionsReadRefused_CollectionErrorNamesThePermission_RuleSkips()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        var options = new FakeArmOptions { Faults = [new ArmFault(PermissionsPath, 403, "AuthorizationFailed")] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal(("permissions", 403, "Microsoft.Authorization/permissions/read"),
            (error.Value<string>("read"), error.Value<int>("status"), error.Value<string>("requiredPermission")));
        var check = report["checks"]!.Single(c => c.Value<string>("id") == NetworkSettingsNotWritableRule.Id);
        Assert.Equal("skipped", check.Value<string>("outcome"));
        Assert.Contains("needs Microsoft.Authorization/permissions/read", check.Value<string>("reason"));
        Assert.Contains("Microsoft.Authorization/permissions/read", result.StdErr);
    }

    [Fact]
    public async Task PermissionsReadHangs_FinishesWithinTimeout()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        var options = new FakeArmOptions { Faults = [new ArmFault(PermissionsPath) { Hang = true }] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await azure.RunAsync(TimeSpan.FromSeconds(60), scenario.Args("diagnose", "-o", "json", "--timeout", $"{LoadedMachine.DiagnoseTimeoutSeconds}"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(LoadedMachine.DiagnoseTimeoutSeconds) + LoadedMachine.Margin, $"took {clock.Elapsed}; {result.StdErr}");
        var error = Assert.Single((JArray)JObject.Parse(result.StdOut)["collectionErrors"]!);
        Assert.Equal(("Timeout", true), (error.Value<string>("errorCode"), error.Value<string>("resourceId")!.EndsWith(PermissionsPath, StringComparison.Ordinal)));
    }
}
