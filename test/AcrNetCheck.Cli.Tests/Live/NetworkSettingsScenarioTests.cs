using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// "Can't change network settings" through the built tool against the local ARM: the tier, and the caller's permissions
/// from ARM's permissions API (read at the registry's scope and at each relevant subnet's, recorded in the bundle, replayed by analyze).
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

        var (diagnosed, replayed) = await DiagnoseAndReplayAsync(azure, scenario, "--query", "findings[?id=='auth.network-settings-not-writable'].evidence[].expected");

        // One read per run (diagnose, collect), at the registry's scope.
        Assert.Equal(2, azure.Arm.ArmPaths.Count(p => p.EndsWith(PermissionsPath, StringComparison.OrdinalIgnoreCase) && p.Contains("/registries/contoso/", StringComparison.OrdinalIgnoreCase)));
        // No private endpoint and no --from: only the registry's own actions are judged (at its scope).
        var expected = NetworkSettingsNotWritableRule.RegistryScopeActions.Select(a => a.Action);
        Assert.Equal(expected, JArray.Parse(diagnosed.StdOut).Values<string>());
        Assert.Equal(expected, JArray.Parse(replayed.StdOut).Values<string>());
    }

    [Fact]
    public async Task PrivateEndpointSubnetLacksJoin_IsNamed_ARefusedSubnetReadNamesThePermission_AndAnalyzeReplaysIt()
    {
        // From the hub's build subnet to a registry whose private endpoint is in the hub's snet-pe. The caller owns the
        // registry; on snet-pe it may create private endpoints but not join the subnet; on snet-build its permissions read is refused.
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        var endpointSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");
        var buildSubnet = scenario.From!;
        scenario.Fixture.Arm!.Resources[ArmPaths.CallerPermissions(endpointSubnet)] = new JObject
        {
            ["id"] = ArmPaths.CallerPermissions(endpointSubnet),
            ["value"] = new JArray(new JObject { ["actions"] = new JArray("*/read", "Microsoft.Network/privateEndpoints/*"), ["notActions"] = new JArray() }),
        };
        var options = new FakeArmOptions { Faults = [new ArmFault(ArmPaths.CallerPermissions(buildSubnet), 403, "AuthorizationFailed")] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var (diagnosed, replayed) = await DiagnoseAndReplayAsync(azure, scenario, "-o", "json");

        // Per run: the registry's scope, the endpoint's subnet and the --from subnet, each once.
        var permissionReads = azure.Arm.ArmPaths.Where(p => p.EndsWith(PermissionsPath, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(6, permissionReads.Count);
        Assert.Equal(2, permissionReads.Count(p => p.Equals(ArmPaths.CallerPermissions(endpointSubnet), StringComparison.OrdinalIgnoreCase)));
        foreach (var report in new[] { JObject.Parse(diagnosed.StdOut), JObject.Parse(replayed.StdOut) })
        {
            var finding = report["findings"]!.Single(f => f.Value<string>("id") == NetworkSettingsNotWritableRule.Id);
            Assert.Equal([(ArmPaths.CallerPermissions(endpointSubnet), "Microsoft.Network/virtualNetworks/subnets/join/action")],
                finding["evidence"]!.Select(e => (e.Value<string>("source")!, e.Value<string>("expected")!)));
            Assert.Contains("on subnet vnet-hub/snet-pe do not grant Microsoft.Network/virtualNetworks/subnets/join/action", finding.Value<string>("message"));
            Assert.Contains("not checked on subnet vnet-hub/snet-build (collection-failed:permissions (HTTP 403 AuthorizationFailed; needs Microsoft.Authorization/permissions/read))",
                finding.Value<string>("message"));
            Assert.Equal($"az role assignment list --assignee <your-object-id> --scope {endpointSubnet} --include-inherited -o table", (string)finding["solution"]![0]!);
            var error = Assert.Single((JArray)report["collectionErrors"]!);
            Assert.Equal(("permissions", 403, "Microsoft.Authorization/permissions/read", ArmPaths.CallerPermissions(buildSubnet)),
                (error.Value<string>("read"), error.Value<int>("status"), error.Value<string>("requiredPermission"), error.Value<string>("resourceId")));
        }
    }

    /// <summary>diagnose, then collect and analyze of the collected bundle, each with <paramref name="output"/>: what a run shows and what its bundle replays.</summary>
    private static async Task<(CliResult Diagnosed, CliResult Replayed)> DiagnoseAndReplayAsync(LocalAzure azure, ArmScenario scenario, params string[] output)
    {
        var bundlePath = Path.Combine(Path.GetTempPath(), $"acr-netcheck-permissions-{Guid.NewGuid():N}.json");
        try
        {
            var diagnosed = await azure.RunAsync(scenario.Args("diagnose", output));
            var collected = await azure.RunAsync(scenario.Args("collect", "--out", bundlePath));
            Assert.True(collected.ExitCode == 0, collected.StdErr);
            return (diagnosed, await CliRunner.RunAsync(["analyze", bundlePath, .. output]));
        }
        finally
        {
            File.Delete(bundlePath);
        }
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

    [Fact]
    public async Task SubnetPermissionsReadHangs_FinishesWithinTimeout_KeepingTheRegistryScope()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        var options = new FakeArmOptions { Faults = [new ArmFault(ArmPaths.CallerPermissions(scenario.From!)) { Hang = true }] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await azure.RunAsync(TimeSpan.FromSeconds(60), scenario.Args("diagnose", "-o", "json", "--timeout", $"{LoadedMachine.DiagnoseTimeoutSeconds}"));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(LoadedMachine.DiagnoseTimeoutSeconds) + LoadedMachine.Margin, $"took {clock.Elapsed}; {result.StdErr}");
        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal(("Timeout", ArmPaths.CallerPermissions(scenario.From!)), (error.Value<string>("errorCode"), error.Value<string>("resourceId")));
        var check = report["checks"]!.Single(c => c.Value<string>("id") == NetworkSettingsNotWritableRule.Id);
        Assert.Equal("passed", check.Value<string>("outcome"));
        Assert.Contains("not checked on subnet vnet-hub/snet-build (collection-failed:permissions (failed Timeout))", check.Value<string>("reason"));
    }
}
