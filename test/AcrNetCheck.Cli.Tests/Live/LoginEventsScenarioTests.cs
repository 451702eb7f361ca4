using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The built tool reading login events through a local Log Analytics stand-in (its own endpoint and token audience in the
/// custom cloud), as a user runs diagnose and logs: correlations, fallbacks, throttling and failures.
/// </summary>
public sealed class LoginEventsScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const string RefusedIp = "198.51.100.23";

    [Fact]
    public async Task LogsNotCollected_NotCollectedFindingAndNoQuery()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        var registryId = (string)scenario.Arm.Fixture.Arm!.Registry!["id"]!;
        scenario.Arm.Fixture.Arm.Lists[ArmPaths.DiagnosticSettings(registryId)] = [];
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "--query", "{ids: findings[].id, errors: collectionErrors, fix: findings[?id=='logs.not-collected'] | [0].solution}"));

        var report = JObject.Parse(result.StdOut);
        var ids = report["ids"]!.Values<string>().ToList();
        Assert.Contains("logs.not-collected", ids);
        Assert.DoesNotContain("logs.denied-logins", ids);
        Assert.Empty((JArray)report["errors"]!);
        Assert.Contains(report["fix"]!.Values<string>(), s => s!.Contains("az monitor diagnostic-settings create --name acr-login-events --resource /subscriptions/"));
        Assert.Empty(azure.Logs!.Queries);
    }

    [Fact]
    public async Task DeniedLoginsOutsideIpRules_NamesTheCallerWithTheFixCommand()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json", "--debug"));

        Assert.True(result.ExitCode == ExitCodes.ProblemsFound, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Empty((JArray)report["collectionErrors"]!);
        var finding = Assert.Single(report["findings"]!, f => f.Value<string>("id") == "logs.denied-logins");
        Assert.Equal(RefusedIp, finding.Value<string>("subject"));
        Assert.Contains($"az acr network-rule add --name contoso --ip-address {RefusedIp}", finding["solution"]!.Values<string>());
        Assert.DoesNotContain(report["findings"]!, f => f.Value<string>("subject") == "16.17.18.20");
        var query = Assert.Single(azure.Logs!.Queries);
        Assert.Equal($"/v1/workspaces/{LogsScenario.CustomerId}/query", query.PathAndQuery);
        Assert.Equal("P1D", JObject.Parse(query.Body).Value<string>("timespan"));
        // The KQL is on stderr with --debug; the tokens of neither audience are anywhere.
        Assert.Contains("| summarize Count = count()", result.StdErr);
        Assert.DoesNotContain(azure.Logs.AccessToken, result.StdErr + result.StdOut);
        Assert.DoesNotContain(azure.Arm.AccessToken, result.StdErr + result.StdOut);
    }

    [Fact]
    public async Task Only401s_AuthSuspectedNotNetwork()
    {
        var scenario = LogsScenario.FromSample("auth-suspected");
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "--query", "{ids: findings[].id, errors: collectionErrors}"));

        var report = JObject.Parse(result.StdOut);
        Assert.Equal(["auth.suspected"], report["ids"]!.Values<string>());
        Assert.Empty((JArray)report["errors"]!);
    }

    [Fact]
    public async Task WorkspaceUnreadable_FallsBackToTheResourceCentricQuery()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, new FakeArmOptions { Faults = [new ArmFault("/workspaces/law-central", 403, "AuthorizationFailed")] });

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal(("logAnalyticsWorkspace", 403, "Microsoft.OperationalInsights/workspaces/read"),
            (error.Value<string>("read"), error.Value<int>("status"), error.Value<string>("requiredPermission")));
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == "logs.denied-logins" && f.Value<string>("subject") == RefusedIp);
        var query = Assert.Single(azure.Logs!.Queries);
        Assert.EndsWith("/providers/Microsoft.ContainerRegistry/registries/contoso/query", query.PathAndQuery, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("/v1/subscriptions/", query.PathAndQuery);
        Assert.Contains("Microsoft.OperationalInsights/workspaces/read", result.StdErr);
    }

    [Fact]
    public async Task WorkspaceAndResourceQueryForbidden_SkippedWithReasonsReportStillProduced()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, new FakeArmOptions { Faults = [new ArmFault("/workspaces/law-central", 403, "AuthorizationFailed")] },
            new LogAnalyticsFault("/registries/contoso", 403, "InsufficientAccessError"));

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        Assert.Equal(["Microsoft.Insights/logs/read", "Microsoft.OperationalInsights/workspaces/read"],
            report["collectionErrors"]!.Select(e => e.Value<string>("requiredPermission")).Order());
        var check = report["checks"]!.Single(c => c.Value<string>("id") == "logs.denied-logins");
        Assert.Equal("skipped", check.Value<string>("outcome"));
        Assert.Equal("collection-failed:loginEvents (HTTP 403 InsufficientAccessError; needs Microsoft.Insights/logs/read)", check.Value<string>("reason"));
    }

    [Fact]
    public async Task QueryForbidden_NamesTheQueryPermission()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/v1/workspaces/", 403, "InsufficientAccessError"));

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "--query", "collectionErrors"));

        var error = Assert.Single(JArray.Parse(result.StdOut));
        Assert.Equal(("loginEvents", 403, "InsufficientAccessError", "Microsoft.OperationalInsights/workspaces/query/read"),
            (error.Value<string>("read"), error.Value<int>("status"), error.Value<string>("errorCode"), error.Value<string>("requiredPermission")));
    }

    [Fact]
    public async Task Throttled_RetriesAfterRetryAfterThenSucceeds()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/query", 429, "ThrottledError", Times: 1) { RetryAfterSeconds = 1 });

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json", "--debug"));

        var report = JObject.Parse(result.StdOut);
        Assert.Empty((JArray)report["collectionErrors"]!);
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == "logs.denied-logins");
        Assert.Equal(2, azure.Logs!.Queries.Count);
        Assert.Contains("→ 429", result.StdErr);
        Assert.Contains("Retry-After 1", result.StdErr);
    }

    [Fact]
    public async Task PartialResult_KeepsTheRowsAndRecordsTheError()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/query") { Partial = true });

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal("PartialError", error.Value<string>("errorCode"));
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == "logs.denied-logins");
    }

    [Fact]
    public async Task MalformedAnswer_BecomesACollectionError()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/query") { Malformed = true });

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        // Nothing else is wrong, but the login events could not be read: the verdict is incomplete, not healthy.
        Assert.True(result.ExitCode == ExitCodes.Incomplete, result.StdErr);
        var error = Assert.Single((JArray)JObject.Parse(result.StdOut)["collectionErrors"]!);
        Assert.Equal(("loginEvents", "MalformedResponse"), (error.Value<string>("read"), error.Value<string>("errorCode")));
        Assert.DoesNotContain("Exception", result.StdErr);
    }

    [Fact]
    public async Task HangingQuery_FinishesWithinTimeoutWithACollectionError()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/query") { Hang = true });

        var clock = Stopwatch.StartNew();
        var result = await azure.RunAsync(TimeSpan.FromSeconds(60), scenario.Arm.Args("diagnose", "-o", "json", "--timeout", $"{LoadedMachine.DiagnoseTimeoutSeconds}"));
        clock.Stop();

        // --timeout counts from the process start, so the test's clock measures the tool's own promise.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(LoadedMachine.DiagnoseTimeoutSeconds) + LoadedMachine.Margin, $"took {clock.Elapsed}; {result.StdErr}");
        Assert.True(result.StdOut.Length > 0, $"no report: exit {result.ExitCode}, {result.StdErr}");
        var error = Assert.Single((JArray)JObject.Parse(result.StdOut)["collectionErrors"]!);
        Assert.Equal(("loginEvents", "Timeout"), (error.Value<string>("read"), error.Value<string>("errorCode")));
        Assert.Contains($"within --timeout {LoadedMachine.DiagnoseTimeoutSeconds} s", error.Value<string>("message"));
    }
}
