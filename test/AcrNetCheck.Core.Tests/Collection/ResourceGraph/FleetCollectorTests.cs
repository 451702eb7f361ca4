using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.ResourceGraph;

/// <summary>
/// The fleet scan end to end against the local Resource Graph stand-in (real HTTPS, real pipeline, generated fleets in
/// the real response shapes): findings per registry, request counts, and partial failures recorded instead of crashing.
/// </summary>
public sealed class FleetCollectorTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    [Fact]
    public async Task ThousandRegistries_EveryRegistryReportsExactlyItsFaultsFindings()
    {
        var fleet = FleetGenerator.Generate(1000);
        await using var scan = await FleetScan.StartAsync(_certs, new ResourceGraphStandIn(fleet) { ThrottleOnce = true }, pageSize: 100);

        var reports = (await scan.BundlesAsync()).ToDictionary(b => b.Target.ResourceId!, b => Analyzer.Analyze(b), StringComparer.OrdinalIgnoreCase);

        Assert.Equal(1000, reports.Count);
        Assert.All(fleet.Registries, registry =>
        {
            var report = reports[registry.Id];
            Assert.True(registry.ExpectedFindings.SetEquals(report.Findings.Select(f => f.Id)),
                $"{registry.Name} ({registry.Fault}): expected [{string.Join(", ", registry.ExpectedFindings)}], got [{string.Join(", ", report.Findings.Select(f => f.Id))}]");
            Assert.Empty(report.CollectionErrors);
        });
        Assert.Equal(Enum.GetValues<FleetFault>().Length, fleet.Registries.Select(r => r.Fault).Distinct().Count());
    }

    [Fact]
    public async Task RequestCount_GrowsWithPagesAndBatches_NotWithRegistries()
    {
        var fleet = FleetGenerator.Generate(1000);
        var standIn = new ResourceGraphStandIn(fleet) { ThrottleOnce = true };
        var options = new FleetScanOptions { FallbackBatchSize = 200 };
        await using var scan = await FleetScan.StartAsync(_certs, standIn, options, pageSize: 100);

        await scan.BundlesAsync();

        var pages = FleetQueries.All().Sum(q => Math.Max(1, (fleet.RowsFor(q.Name).Count + 99) / 100));
        var stats = scan.Collector.Stats;
        Assert.Equal(pages, stats.PagesPerQuery.Values.Sum());
        Assert.Equal(pages, scan.Client.RequestsSent);
        Assert.Equal(1 + pages, standIn.GraphRequests);
        // Zone groups of the 125 approved endpoints in the unlinked spoke VNet (1 batch; the 125 in the hub, where the zone is
        // linked, are not needed) and diagnostic settings of 1,000 registries (5 batches).
        Assert.Equal(125, stats.ZoneGroupsNotNeeded);
        Assert.Equal(new Dictionary<string, int> { ["privateDnsZoneGroups"] = 1, ["diagnosticSettings"] = 5 }, stats.BatchesPerRead.Where(kv => kv.Value > 0).ToDictionary());
        // On the wire each of those is sent as ARM batches of at most 20 GETs (the endpoint's limit): 125 zone-group paths
        // are 7 batches, 1,000 diagnostic settings 50; no path is read alone.
        Assert.Equal(7 + 50, standIn.BatchRequests);
        Assert.Empty(standIn.ArmGets);
    }

    [Fact]
    public async Task TenThousandRegistries_AtMost600ArmRequests_EveryRegistryWithExactlyItsFindings()
    {
        var fleet = FleetGenerator.Generate(10_000);
        var standIn = new ResourceGraphStandIn(fleet);
        await using var scan = await FleetScan.StartAsync(_certs, standIn);

        var bundles = await scan.BundlesAsync();

        Assert.Equal(10_000, bundles.Count);
        Assert.All(bundles, b => Assert.Empty(b.CollectionErrors));
        var byId = fleet.Registries.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);
        Assert.All(bundles, bundle =>
        {
            var registry = byId[bundle.Target.ResourceId!];
            var found = Analyzer.Analyze(bundle).Findings.Select(f => f.Id).ToList();
            Assert.True(registry.ExpectedFindings.SetEquals(found), $"{registry.Name} ({registry.Fault}): expected [{string.Join(", ", registry.ExpectedFindings)}], got [{string.Join(", ", found)}]");
        });

        // The zone-group reads left are those the DNS verdict needs: the endpoints in the spoke VNet, where the zone is not
        // linked. Those in the hub, where it is linked, are not read (the zone answers there whatever the groups name).
        var zoneGroupReads = standIn.BatchedGets.Where(p => p.EndsWith("/privateDnsZoneGroups", StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var spokeEndpoints = bundles.Where(b => byId[b.Target.ResourceId!].Fault == FleetFault.ZoneNotLinked)
            .Select(b => ArmPaths.PrivateDnsZoneGroups(new RegistryView(b.Arm!.Registry!).PrivateEndpointConnections.Single().PrivateEndpointId!)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1_250, spokeEndpoints.Count);
        Assert.True(spokeEndpoints.SetEquals(zoneGroupReads), $"{zoneGroupReads.Count} zone-group reads for {spokeEndpoints.Count} endpoints in unlinked VNets");
        Assert.Equal(1_250, scan.Collector.Stats.ZoneGroupsNotNeeded);

        // Everything the stand-in served: Resource Graph pages (and retries), ARM batches, single ARM GETs. The CLI also lists
        // the subscriptions first (one GET this in-process scan does not send), so the scan's own requests stay under 600.
        var paths = scan.Collector.Stats.PathsPerRead.Values.Sum();
        var requests = standIn.GraphRequests + standIn.BatchRequests + standIn.ArmGets.Count;
        // 10,000 diagnostic-settings and 1,250 zone-group paths: 500 + 63 full batches of 20, nothing read twice or alone.
        Assert.Equal(500 + 63, standIn.BatchRequests);
        Assert.Equal(scan.Collector.Stats.PathsPerRead.Values.Sum(n => (n + 19) / 20), standIn.BatchRequests);
        Assert.Empty(standIn.ArmGets);
        // Was 12,501 single GETs (one per path), then 625 batches (661 requests with the pages and the subscription list).
        Assert.True(requests + 1 <= 600, $"{requests} ARM requests ({standIn.GraphRequests} Resource Graph, {standIn.BatchRequests} batches, {standIn.ArmGets.Count} GETs) for {paths} fall-back paths, plus the subscription list");
    }

    [Fact]
    public async Task BatchEndpointMissing_EveryPathIsReadAlone_AndTheReportsAreTheSame()
    {
        var fleet = FleetGenerator.Generate(64);
        var standIn = new ResourceGraphStandIn(fleet) { BatchEndpointMissing = true };
        await using var scan = await FleetScan.StartAsync(_certs, standIn);

        var reports = (await scan.BundlesAsync()).ToDictionary(b => b.Target.ResourceId!, b => Analyzer.Analyze(b), StringComparer.OrdinalIgnoreCase);

        Assert.All(fleet.Registries, registry =>
        {
            Assert.True(registry.ExpectedFindings.SetEquals(reports[registry.Id].Findings.Select(f => f.Id)), registry.Name);
            Assert.Empty(reports[registry.Id].CollectionErrors);
        });
        Assert.Equal(scan.Collector.Stats.PathsPerRead.Values.Sum(), standIn.ArmGets.Count);
    }

    [Fact]
    public async Task ThrottledInsideABatch_OnlyThosePathsAreReadAgainAlone()
    {
        var fleet = FleetGenerator.Generate(64);
        var standIn = new ResourceGraphStandIn(fleet) { ThrottledBatchItems = 3 };
        await using var scan = await FleetScan.StartAsync(_certs, standIn);

        var bundles = await scan.BundlesAsync();

        Assert.All(bundles, b => Assert.Empty(b.CollectionErrors));
        Assert.Equal(3, standIn.ArmGets.Count);
    }

    [Fact]
    public async Task UnreadableSubscription_IsRecorded_AndTheOthersAreScanned()
    {
        var fleet = FleetGenerator.Generate(48, subscriptions: 3);
        var refused = fleet.Subscriptions[1];
        var standIn = new ResourceGraphStandIn(fleet) { UnreadableSubscriptions = { refused } };
        await using var scan = await FleetScan.StartAsync(_certs, standIn, new FleetScanOptions { Scope = ResourceGraphScope.OfSubscriptions([.. fleet.Subscriptions]) });

        var bundles = await scan.BundlesAsync();

        var error = Assert.Single(scan.Collector.ScanErrors);
        Assert.Equal((refused, 403, "AuthorizationFailed"), (error.ResourceId, error.Status, error.ErrorCode));
        Assert.Equal(fleet.Registries.Where(r => r.Subscription != refused).Select(r => r.Id).Order(), bundles.Select(b => b.Target.ResourceId!).Order());
        Assert.All(bundles, b => Assert.True(fleet.Registries.Single(r => r.Id == b.Target.ResourceId).ExpectedFindings.SetEquals(Analyzer.Analyze(b).Findings.Select(f => f.Id))));
        Assert.Contains(scan.Log.Lines, l => l.StartsWith("warning: subscription " + refused, StringComparison.Ordinal));
        // After the split, later queries ask only the readable subscriptions together.
        var lastQuery = JObject.Parse(scan.Requests.Last(r => r.PathAndQuery.Contains("ResourceGraph", StringComparison.Ordinal)).Body);
        Assert.Equal(2, ((JArray)lastQuery["subscriptions"]!).Count);
    }

    [Fact]
    public async Task FailedPage_IsRecordedPerRegistry_AndNothingIsJudgedFromTheMissingRows()
    {
        var fleet = FleetGenerator.Generate(64);
        var standIn = new ResourceGraphStandIn(fleet) { FailingPage = (FleetQueries.PrivateEndpointsName, 0) };
        await using var scan = await FleetScan.StartAsync(_certs, standIn, maxRetries: 1);

        var bundles = await scan.BundlesAsync();

        Assert.Equal(64, bundles.Count);
        foreach (var bundle in bundles)
        {
            var registry = fleet.Registries.Single(r => r.Id == bundle.Target.ResourceId);
            var report = Analyzer.Analyze(bundle);
            Assert.Subset(registry.ExpectedFindings.ToHashSet(), report.Findings.Select(f => f.Id).ToHashSet());
            if (!registry.Fault.HasPrivateEndpoint()) continue;
            var error = Assert.Single(bundle.CollectionErrors, e => e.Read == "privateEndpoint");
            Assert.Equal((500, "InternalServerError"), (error.Status, error.ErrorCode));
            if (registry.Fault is FleetFault.ZoneNotLinked or FleetFault.RecordMissing)
                Assert.StartsWith("collection-failed:privateEndpoint (HTTP 500 InternalServerError",
                    report.Checks.Single(c => c.Id == (registry.Fault == FleetFault.ZoneNotLinked ? "vnet.private-dns-zone-not-linked" : "vnet.geo-replica-not-covered")).Reason);
        }
        Assert.Contains(scan.Log.Lines, l => l.Contains($"query {FleetQueries.PrivateEndpointsName} failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedFallbackRead_IsRecordedForThatRegistryOnly()
    {
        var fleet = FleetGenerator.Generate(16, subscriptions: 1);
        var victim = fleet.Registries.First(r => r.Fault == FleetFault.DiagnosticSettingsMissing);
        fleet.RemoveArmDocument(ArmPaths.DiagnosticSettings(victim.Id));
        await using var scan = await FleetScan.StartAsync(_certs, new ResourceGraphStandIn(fleet));

        var bundles = await scan.BundlesAsync();

        var bundle = bundles.Single(b => b.Target.ResourceId == victim.Id);
        var error = Assert.Single(bundle.CollectionErrors);
        Assert.Equal(("diagnosticSettings", 404, "ResourceNotFound"), (error.Read, error.Status, error.ErrorCode));
        var check = Analyzer.Analyze(bundle).Checks.Single(c => c.Id == "logs.not-collected");
        Assert.StartsWith("collection-failed:diagnosticSettings (HTTP 404 ResourceNotFound", check.Reason);
        Assert.All(bundles.Where(b => b != bundle), b => Assert.Empty(b.CollectionErrors));
    }

    [Fact]
    public async Task Bundles_HaveTheCollectShape_AndReplayThroughAnalyze()
    {
        var fleet = FleetGenerator.Generate(16, subscriptions: 1);
        await using var scan = await FleetScan.StartAsync(_certs, new ResourceGraphStandIn(fleet));

        var bundles = await scan.BundlesAsync();

        var replicated = bundles.Single(b => b.Target.Name == fleet.Registries.First(r => r.Fault == FleetFault.RecordMissing).Name);
        var id = replicated.Target.ResourceId!;
        var arm = replicated.Arm!;
        Assert.Equal(2, arm.Lists[ArmPaths.Replications(id)].Count);
        Assert.Empty(arm.Lists[ArmPaths.Tasks(id)]);
        Assert.Single(arm.Lists[ArmPaths.DiagnosticSettings(id)]);
        var peId = new RegistryView(arm.Registry!).PrivateEndpointConnections.Single().PrivateEndpointId!;
        var zoneId = FleetGenerator.ZoneId(fleet.Subscriptions[0]);
        // Its endpoint is in the hub VNet, linked to the zone: its zone groups were left out on purpose, saying why, and the
        // zone came with its links and records.
        Assert.False(arm.Lists.ContainsKey(ArmPaths.PrivateDnsZoneGroups(peId)));
        Assert.StartsWith("vnet-hub, the endpoint's VNet, uses Azure-provided DNS", arm.SkippedReads![ArmPaths.PrivateDnsZoneGroups(peId)]);
        Assert.DoesNotContain("kept by hand", Analyzer.Analyze(replicated).Findings.Single(f => f.Id == "vnet.private-dns-record-missing").Message);
        // One whose endpoint is in the unlinked spoke VNet had them read.
        var unlinked = bundles.Single(b => b.Target.Name == fleet.Registries.First(r => r.Fault == FleetFault.ZoneNotLinked).Name);
        var unlinkedPe = new RegistryView(unlinked.Arm!.Registry!).PrivateEndpointConnections.Single().PrivateEndpointId!;
        Assert.Equal([zoneId], unlinked.Arm.Lists[ArmPaths.PrivateDnsZoneGroups(unlinkedPe)].Select(g => new PrivateDnsZoneGroupView(unlinked.Arm.Resources[g]).ZoneConfigs.Single().PrivateDnsZoneId));
        Assert.Null(unlinked.Arm.SkippedReads);
        Assert.NotEmpty(arm.Lists[ArmPaths.ARecordSets(zoneId)]);
        Assert.Single(arm.Lists[ArmPaths.VirtualNetworkLinks(zoneId)]);
        Assert.Contains(arm.Lists[ArmPaths.PrivateDnsZones(fleet.Subscriptions[0])], z => z == zoneId);
        Assert.True(arm.Resources.ContainsKey(new PrivateEndpointView(arm.Resources[peId]).SubnetId!));
        Assert.Equal(VantageKind.Subnet, replicated.Vantage!.Kind);
        Assert.Contains("probes", replicated.Vantage.Notes.Single());

        foreach (var bundle in bundles)
        {
            var replayed = EvidenceLoader.Parse(EvidenceLoader.Serialize(bundle), "scan bundle");
            Assert.Equal(Analyzer.Analyze(bundle).Findings.Select(f => f.Key), Analyzer.Analyze(replayed).Findings.Select(f => f.Key));
            Assert.Equal(Analyzer.Analyze(bundle).Checks.Select(c => $"{c.Id} {c.Outcome} {c.Reason}"), Analyzer.Analyze(replayed).Checks.Select(c => $"{c.Id} {c.Outcome} {c.Reason}"));
        }
    }

    [Fact]
    public async Task QueryFilter_GoesIntoTheRegistriesQueryOnly()
    {
        var fleet = FleetGenerator.Generate(8);
        await using var scan = await FleetScan.StartAsync(_certs, new ResourceGraphStandIn(fleet), new FleetScanOptions { QueryFilter = QueryFilter.Validate("tags.env == 'prod'") });

        await scan.BundlesAsync();

        var queries = scan.Requests.Where(r => r.PathAndQuery.Contains("ResourceGraph", StringComparison.Ordinal)).Select(r => JObject.Parse(r.Body)["query"]!.ToString()).ToList();
        Assert.EndsWith("| where (tags.env == 'prod')", queries[0]);
        Assert.All(queries.Skip(1), q => Assert.DoesNotContain("tags.env", q));
    }

    [Fact]
    public async Task Token_NeverReachesBundlesOrLog()
    {
        var fleet = FleetGenerator.Generate(16);
        await using var scan = await FleetScan.StartAsync(_certs, new ResourceGraphStandIn(fleet) { ThrottleOnce = true });

        var bundles = await scan.BundlesAsync();

        Assert.Contains(scan.Log.Lines, l => l.StartsWith("debug: Resource Graph query", StringComparison.Ordinal));
        Assert.All(scan.Log.Lines, l => Assert.DoesNotContain(TestPipeline.Token, l));
        Assert.All(bundles, b => Assert.DoesNotContain(TestPipeline.Token, EvidenceLoader.Serialize(b)));
    }

    public void Dispose() => _certs.Dispose();
}
