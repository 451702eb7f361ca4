using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;

namespace AcrNetCheck.Core.Tests.Collection.ResourceGraph;

/// <summary>A fleet scan against the local Resource Graph stand-in: the real client, collector and pipeline, a generated fleet.</summary>
internal sealed class FleetScan : IAsyncDisposable
{
    private readonly HttpsTestServer _server;

    private FleetScan(HttpsTestServer server, ResourceGraphStandIn standIn, FleetCollector collector, ResourceGraphClient client, RecordingLog log)
    {
        _server = server;
        StandIn = standIn;
        Collector = collector;
        Client = client;
        Log = log;
    }

    public ResourceGraphStandIn StandIn { get; }
    public FleetCollector Collector { get; }
    public ResourceGraphClient Client { get; }
    public RecordingLog Log { get; }
    public IReadOnlyCollection<RecordedRequest> Requests => _server.Requests;

    public static async Task<FleetScan> StartAsync(TestCertificates certs, ResourceGraphStandIn standIn, FleetScanOptions? options = null, int pageSize = 1000, int maxRetries = 3)
    {
        var server = await HttpsTestServer.StartAsync(certs, standIn.HandleAsync);
        var pipeline = TestPipeline.Build(certs, maxRetries: maxRetries);
        var log = new RecordingLog();
        var client = new ResourceGraphClient(pipeline, server.BaseUri, log) { PageSize = pageSize };
        var collector = new FleetCollector(client, ArmBatchEndpointReader.For(TestPipeline.ArmReader(certs, server.BaseUri)), options ?? new FleetScanOptions(), log);
        return new FleetScan(server, standIn, collector, client, log);
    }

    public async Task<List<EvidenceBundle>> BundlesAsync()
    {
        var bundles = new List<EvidenceBundle>();
        await foreach (var bundle in Collector.CollectAsync()) bundles.Add(bundle);
        return bundles;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

internal sealed class RecordingLog : ICollectionLog
{
    public List<string> Lines { get; } = new();
    public void Verbose(string message) { lock (Lines) Lines.Add("verbose: " + message); }
    public void Debug(string message) { lock (Lines) Lines.Add("debug: " + message); }
    public void Warning(string message) { lock (Lines) Lines.Add("warning: " + message); }
}
