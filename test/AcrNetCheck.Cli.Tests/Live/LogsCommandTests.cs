using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary><c>acr-netcheck logs</c>: the login-events summary alone, its window and its bounded transfer.</summary>
public sealed class LogsCommandTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task Table_OneRowPerGroup_AndNothingButLogsIsRead()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates);

        azure.Environment["COLUMNS"] = "1000"; // a terminal wide enough for a whole row
        var result = await azure.RunAsync("logs", "-n", "contoso", "-o", "table");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StdErr);
        var lines = result.StdOut.TrimEnd().Split('\n');
        Assert.StartsWith("Caller Ip Address  Identity", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("198.51.100.23") && l.Contains("github-actions-sp") && l.Contains(" 403 ") && l.Contains(" 42 "));
        // Finding the registry, its diagnostic settings and the workspace: no graph walk.
        Assert.All(azure.Arm.ArmPaths, p => Assert.True(p.EndsWith("/resources") || p.EndsWith("/diagnosticSettings") || p.EndsWith("/workspaces/law-central"), p));
    }

    [Fact]
    public async Task Since_SetsTheTimespanAndTheWindow()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        var old = scenario.Events[0];
        (old.FirstSeen, old.LastSeen) = (DateTimeOffset.UtcNow.AddDays(-4), DateTimeOffset.UtcNow.AddDays(-3));
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var day = JObject.Parse((await azure.RunAsync("logs", "-n", "contoso")).StdOut);
        var week = JObject.Parse((await azure.RunAsync("logs", "-n", "contoso", "--since", "7d")).StdOut);

        Assert.Equal(("P1D", 1), (day.Value<string>("timespan"), ((JArray)day["groups"]!).Count));
        Assert.Equal(("P7D", 2), (week.Value<string>("timespan"), ((JArray)week["groups"]!).Count));
        Assert.Equal(["P1D", "P7D"], azure.Logs!.Queries.Select(q => JObject.Parse(q.Body).Value<string>("timespan")));
    }

    [Fact]
    public async Task RowsTransferred_DoNotGrowWithEventVolume()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        foreach (var e in scenario.Events) e.Count *= 1_000_000;
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync("logs", "-n", "contoso", "--debug");

        var groups = (JArray)JObject.Parse(result.StdOut)["groups"]!;
        Assert.Equal(2, groups.Count);
        Assert.Equal(42_000_000, groups.Single(g => g.Value<string>("callerIpAddress") == "198.51.100.23").Value<long>("count"));
        Assert.Equal(2, azure.Logs!.RowsSent);
        Assert.True(azure.Logs.EventsHeld > 1_000_000_000);
        var kql = JObject.Parse(Assert.Single(azure.Logs.Queries).Body).Value<string>("query")!;
        Assert.Contains("| summarize Count = count()", kql);
        Assert.Contains("| take 500", kql);
        Assert.Contains(kql.Split('\n')[1], result.StdErr);
    }

    [Theory]
    [InlineData("--since", "7")]
    [InlineData("--since", "0d")]
    [InlineData("--since", "1w")]
    [InlineData("--since", "-3h")]
    public async Task BadSince_IsAUsageErrorBeforeAnyRead(string option, string value)
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync("logs", "-n", "contoso", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--since", result.StdErr);
        Assert.Empty(azure.Arm.ArmReads);
    }
}
