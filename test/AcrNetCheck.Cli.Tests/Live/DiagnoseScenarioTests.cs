using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The built tool against a local ARM, as a user runs it: finding ids per scenario, partial failures, retries and the timeout.
/// </summary>
public sealed class DiagnoseScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task HealthyPublicRegistry_NoFindingAndEveryReadSucceeds()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Equal("healthy", report.Value<string>("status"));
        Assert.Empty((JArray)report["findings"]!);
        Assert.Empty((JArray)report["collectionErrors"]!);
    }

    [Fact]
    public async Task ReportedFirewallError_ItsClientIpIsCheckedAgainstTheIpRules()
    {
        // The sample's registry denies by default and allows 16.17.18.0/24; ARM alone cannot say who the client is.
        var scenario = ArmScenario.FromSample("public-ip-not-allowed");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);
        const string error = "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": denied: client with IP '20.81.4.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.";

        var withError = await azure.RunAsync(scenario.Args("diagnose", "--error", error, "-o", "json"));
        var without = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(withError.StdOut);
        var finding = report["findings"]!.Single(f => (string)f["id"]! == Core.Rules.Public.IpNotAllowedRule.Id);
        Assert.Equal("20.81.4.12", (string)finding["subject"]!);
        Assert.Equal(ExitCodes.ProblemsFound, withError.ExitCode);
        Assert.DoesNotContain(Core.Rules.Public.IpNotAllowedRule.Id, JObject.Parse(without.StdOut)["findings"]!.Select(f => (string)f["id"]!));
    }

    [Fact]
    public async Task ReportedError_EmptyText_IsAUsageErrorBeforeAnyRead()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "--error", " "));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: --error got empty text: quote the error message the client printed.", result.StdErr.TrimEnd());
    }

    [Theory]
    [InlineData("private-endpoint-healthy", true, "service.unsupported-with-restrictions")]
    [InlineData("private-endpoint-pending", false, "vnet.private-endpoint-not-approved")]
    [InlineData("geo-replica-record-missing", false, "vnet.private-dns-record-missing service.unsupported-with-restrictions")]
    [InlineData("nsg-denies-outbound", true, "vnet.nsg-denies-outbound")]
    [InlineData("private-dns-zone-kept-by-hand", false, "vnet.private-dns-record-missing service.unsupported-with-restrictions")]
    [InlineData("service-endpoint-rule-missing", true, "vnet.service-endpoint-rule-missing service.unsupported-with-restrictions")]
    public async Task Scenario_GivesItsFindingIds(string sample, bool fromClientSubnet, string expectedIds)
    {
        var scenario = ArmScenario.FromSample(sample, fromClientSubnet);
        // One item per page, so every list is read through nextLink as ARM pages long lists.
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, new FakeArmOptions { PageSize = 1 });

        var result = await azure.RunAsync(scenario.Args("diagnose", "--query", "{ids: findings[].id, errors: collectionErrors, failing: length(findings[?severity=='error'])}"));

        var report = JObject.Parse(result.StdOut);
        Assert.Equal(expectedIds.Split(' ').Order(), report["ids"]!.Values<string>().Order());
        Assert.Empty((JArray)report["errors"]!);
        Assert.Equal(report.Value<int>("failing") > 0 ? ExitCodes.ProblemsFound : ExitCodes.Ok, result.ExitCode);
    }

    [Fact]
    public async Task ZoneKeptByHand_FoundByNameAndLink_TheMissingReplicaRecordNamedWithItsFix()
    {
        var scenario = ArmScenario.FromSample("private-dns-zone-kept-by-hand", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "--query", "findings[?id=='vnet.private-dns-record-missing'] | [0]"));

        var finding = JObject.Parse(result.StdOut);
        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Value<string>("subject"));
        Assert.Equal("az network private-dns record-set a add-record -g rg-network -z privatelink.azurecr.io -n contoso.westeurope.data -a 10.1.0.6",
            finding["solution"]![0]!.ToString());
        Assert.DoesNotContain("no privatelink zone", result.StdOut);
    }

    [Fact]
    public async Task NsgReadForbidden_PartialReportNamesThePermission()
    {
        var scenario = ArmScenario.FromSample("nsg-denies-outbound", fromClientSubnet: true);
        var options = new FakeArmOptions { Faults = [new ArmFault("/networkSecurityGroups/", 403, "AuthorizationFailed")] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        // Incomplete, not clean: a CI job tells a partial verdict from a healthy one by the exit code.
        Assert.True(result.ExitCode == ExitCodes.Incomplete, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Equal("incomplete", report.Value<string>("status"));
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal(403, error.Value<int>("status"));
        Assert.Equal("AuthorizationFailed", error.Value<string>("errorCode"));
        Assert.Equal("Microsoft.Network/networkSecurityGroups/read", error.Value<string>("requiredPermission"));
        Assert.Contains("/networkSecurityGroups/", error.Value<string>("resourceId"));
        var check = report["checks"]!.Single(c => c.Value<string>("id") == "vnet.nsg-denies-outbound");
        Assert.Equal("skipped", check.Value<string>("outcome"));
        Assert.Contains("needs Microsoft.Network/networkSecurityGroups/read", check.Value<string>("reason"));
        Assert.Contains("Microsoft.Network/networkSecurityGroups/read", result.StdErr);
    }

    [Fact]
    public async Task Throttled_RetriesAfterRetryAfterThenSucceeds()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        var options = new FakeArmOptions { Faults = [new ArmFault("/registries/contoso", 429, "TooManyRequests", Times: 1) { RetryAfterSeconds = 1, ApiVersion = "2021-08-01-preview" }] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json", "--debug"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("healthy", JObject.Parse(result.StdOut).Value<string>("status"));
        Assert.Equal(2, azure.Arm.ArmReads.Count(r => r.PathAndQuery.EndsWith("/registries/contoso?api-version=2021-08-01-preview", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("→ 429", result.StdErr);
        Assert.Contains("Retry-After 1", result.StdErr);
    }

    [Fact]
    public async Task MalformedBody_BecomesACollectionErrorAndTheRulesThatNeedItSkip()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        var options = new FakeArmOptions { Faults = [new ArmFault("/networkInterfaces/") { Malformed = true }] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal("networkInterface", error.Value<string>("read"));
        Assert.Equal("MalformedResponse", error.Value<string>("errorCode"));
        Assert.Equal("Microsoft.Network/networkInterfaces/read", error.Value<string>("requiredPermission"));
        Assert.DoesNotContain("Exception", result.StdErr);
    }

    [Fact]
    public async Task HangingRead_FinishesWithinTimeoutWithACollectionError()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        var options = new FakeArmOptions { Faults = [new ArmFault("/replications") { Hang = true }] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);

        var clock = Stopwatch.StartNew();
        var result = await azure.RunAsync(TimeSpan.FromSeconds(60), scenario.Args("diagnose", "-o", "json", "--timeout", $"{LoadedMachine.DiagnoseTimeoutSeconds}"));
        clock.Stop();

        // --timeout counts from the process start, so the test's clock measures the tool's own promise.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(LoadedMachine.DiagnoseTimeoutSeconds) + LoadedMachine.Margin, $"took {clock.Elapsed}; {result.StdErr}");
        Assert.True(result.StdOut.Length > 0, $"no report: exit {result.ExitCode}, {result.StdErr}");
        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal("Timeout", error.Value<string>("errorCode"));
        Assert.Contains($"within --timeout {LoadedMachine.DiagnoseTimeoutSeconds} s", error.Value<string>("message"));
        Assert.EndsWith("/replications", error.Value<string>("resourceId"));
        Assert.Equal("incomplete", report.Value<string>("status"));
        Assert.Equal(ExitCodes.Incomplete, result.ExitCode);
    }
}

/// <summary>One generated CA and server certificate per test class.</summary>
public sealed class CertificatesFixture : IDisposable
{
    public TestCertificates Certificates { get; } = new();
    public void Dispose() => Certificates.Dispose();
}
