using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// scan as a user runs it: the built tool as a process, signed in through a fake az, against the local Resource Graph
/// stand-in (which also answers the fall-back ARM GETs) serving a generated fleet with a known fault per registry.
/// </summary>
public sealed class ScanCommandTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const int RowsPerPage = 50;

    [Fact]
    public async Task Fleet_EveryReadableRegistryHasItsFindings_RequestsGrowWithPages_RefusedSubscriptionRecorded_BundlesReplay()
    {
        var fleet = FleetGenerator.Generate(300, subscriptions: 3);
        var refused = fleet.Subscriptions[1];
        var standIn = new ResourceGraphStandIn(fleet) { MaxRowsPerPage = RowsPerPage, ThrottleOnce = true, UnreadableSubscriptions = { refused } };
        await using var server = await HttpsTestServer.StartAsync(certs.Certificates, standIn.HandleAsync);
        await using var azure = LocalAzure.Over(server, certs.Certificates);
        var outDir = Path.Combine(azure.ConfigDir, "bundles");

        var result = await azure.RunAsync(TimeSpan.FromSeconds(90), "scan", "-o", "json", "--out-dir", outDir, "--fail-on", "error");

        Assert.True(result.ExitCode == ExitCodes.ProblemsFound, result.StdErr);
        var readable = fleet.Registries.Where(r => r.Subscription != refused).ToList();
        var reports = JArray.Parse(result.StdOut).Cast<JObject>().ToDictionary(r => r.SelectToken("registry.id")!.ToString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(readable.Select(r => r.Id).Order(StringComparer.OrdinalIgnoreCase), reports.Keys.Order(StringComparer.OrdinalIgnoreCase));
        Assert.All(readable, registry => Assert.True(registry.ExpectedFindings.SetEquals(FindingIds(reports[registry.Id])),
            $"{registry.Name} ({registry.Fault}): expected [{string.Join(", ", registry.ExpectedFindings)}], got [{string.Join(", ", FindingIds(reports[registry.Id]))}]"));
        Assert.Contains($"subscription {refused} cannot be read", result.StdErr);

        // Resource Graph: at most one request per page of each query (over the readable rows), plus the refused multi-subscription
        // request, one solo request per subscription when splitting, and the one throttled retry: nothing per registry.
        var pages = FleetQueries.All().Sum(q => Math.Max(1, (fleet.RowsFor(q.Name).Count(row => !InSubscription(row, refused)) + RowsPerPage - 1) / RowsPerPage));
        Assert.InRange(standIn.GraphRequests, pages, pages + 1 + fleet.Subscriptions.Count + 1);
        // ARM fall-backs: each path once (de-duplicated), never one read for a registry in the refused subscription, in
        // batches of at most 20 (the stand-in refuses more) rather than one GET each.
        Assert.Equal(standIn.ArmReads.Count, standIn.ArmReads.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(standIn.ArmReads, path => path.Contains(refused, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(readable.Count, standIn.BatchedGets.Count(path => path.EndsWith("/diagnosticSettings", StringComparison.OrdinalIgnoreCase)));
        // Full batches but for the last of each read (zone groups, diagnostic settings, provider registrations).
        Assert.InRange(standIn.BatchRequests, (standIn.BatchedGets.Count + 19) / 20, (standIn.BatchedGets.Count + 19) / 20 + 2);
        Assert.All(reports.Values, report => Assert.Empty((JArray)report["collectionErrors"]!));

        // The zone groups of endpoints in the hub VNet, where the zone is linked, are left out on purpose, and their bundles say so.
        var hubEndpoint = readable.First(r => r.Fault == FleetFault.RecordMissing);
        Assert.DoesNotContain(standIn.BatchedGets, path => path.Contains($"/privateEndpoints/pe-{hubEndpoint.Name}/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"skippedReads\"", File.ReadAllText(Path.Combine(outDir, hubEndpoint.Name + ".json")));
        Assert.Contains(standIn.BatchedGets, path => path.Contains($"/privateEndpoints/pe-{readable.First(r => r.Fault == FleetFault.ZoneNotLinked).Name}/", StringComparison.OrdinalIgnoreCase));

        // --out-dir: one bundle per reported registry, and analyze replays each to the report scan printed (one per fault).
        Assert.Equal(readable.Count, Directory.GetFiles(outDir, "*.json").Length);
        foreach (var registry in readable.DistinctBy(r => r.Fault))
        {
            var replay = await CliRunner.RunAsync("analyze", Path.Combine(outDir, registry.Name + ".json"), "-o", "json");
            Assert.True(JToken.DeepEquals(reports[registry.Id], JObject.Parse(replay.StdOut)), $"{registry.Name}: analyze of its bundle differs from scan");
        }
    }

    [Fact]
    public async Task Table_OneLinePerRegistryWorstFirst_JsonLines_OneReportPerLine_DebugShowsTheQueries()
    {
        var fleet = FleetGenerator.Generate(16, subscriptions: 2);
        var standIn = new ResourceGraphStandIn(fleet);
        await using var server = await HttpsTestServer.StartAsync(certs.Certificates, standIn.HandleAsync);
        await using var azure = LocalAzure.Over(server, certs.Certificates);

        var table = await azure.RunAsync("scan", "-o", "table", "--fail-on", "none");
        var jsonl = await azure.RunAsync("scan", "-o", "jsonl", "--subscription", fleet.Subscriptions[0], "--debug");

        Assert.True(table.ExitCode == ExitCodes.Ok, table.StdErr);
        var rows = table.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(row => row.StartsWith("acr", StringComparison.Ordinal)).ToArray();
        Assert.Equal(fleet.Registries.Select(r => r.Name).Order(), rows.Select(row => row.Split(' ')[0]).Order());
        var firstHealthy = Array.FindIndex(rows, row => row.Contains("healthy") && !row.Contains("unhealthy"));
        var lastUnhealthy = Array.FindLastIndex(rows, row => row.Contains("unhealthy"));
        Assert.True(lastUnhealthy >= 0 && firstHealthy > lastUnhealthy, table.StdOut);
        Assert.Contains("probes were not run", table.StdOut + table.StdErr, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(ExitCodes.ProblemsFound, jsonl.ExitCode);
        var lines = jsonl.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(fleet.Registries.Count(r => r.Subscription == fleet.Subscriptions[0]), lines.Length);
        Assert.All(lines, line => Assert.Equal(fleet.Subscriptions[0], new ResourceId(JObject.Parse(line).SelectToken("registry.id")!.ToString()).SubscriptionId));
        Assert.Contains("Resource Graph query over subscriptions " + fleet.Subscriptions[0], jsonl.StdErr);
        Assert.Contains(FleetQueries.Registries(null).Text.Split('\n')[0], jsonl.StdErr);
        Assert.DoesNotContain("fleet-token-", jsonl.StdOut + jsonl.StdErr + table.StdErr);
    }

    [Fact]
    public async Task RegistriesQueryFails_ReportsTheFailureAndExitsIncompleteNeverZeroRegistriesClean()
    {
        var fleet = FleetGenerator.Generate(4, subscriptions: 1);
        var standIn = new ResourceGraphStandIn(fleet) { FailingPage = (FleetQueries.RegistriesName, 0) };
        await using var server = await HttpsTestServer.StartAsync(certs.Certificates, standIn.HandleAsync);
        await using var azure = LocalAzure.Over(server, certs.Certificates);

        var result = await azure.RunAsync("scan", "-o", "json");

        Assert.Equal(ExitCodes.Incomplete, result.ExitCode);
        // -o json is the list of reports; the failed query is named on stderr.
        Assert.Contains("WARNING: Resource Graph query registries", result.StdErr);
    }

    [Theory]
    [InlineData("--query-filter", "name == 'a' | take 1")]
    [InlineData("-o", "xml")]
    [InlineData("--fail-on", "sometimes")]
    [InlineData("--timeout", "0")]
    public async Task BadInput_IsAUsageError_BeforeAnyNetwork(string option, string value)
    {
        var result = await CliRunner.RunAsync("scan", option, value);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.StdOut);
        Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task SubscriptionAndManagementGroupTogether_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("scan", "--subscription", "x", "--management-group", "mg");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not both", result.StdErr);
    }

    private static IEnumerable<string> FindingIds(JObject report) => report["findings"]!.Select(f => f.Value<string>("id")!);

    private static bool InSubscription(JObject row, string subscription) =>
        string.Equals(new ResourceId(row.Value<string>("id") ?? "").SubscriptionId, subscription, StringComparison.OrdinalIgnoreCase);
}
