using System.Diagnostics;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;

namespace AcrNetCheck.Benchmarks;

/// <summary>
/// The fleet scan end to end on generated fleets behind the local Resource Graph stand-in (HTTPS on loopback, a fixed
/// latency per request): requests sent, wall time, CPU time and peak memory. The stand-in runs in this process and holds
/// the whole generated fleet, so the memory and CPU figures include it: they bound the scanner's own from above
/// (bench/fleet-scan.sh measures the built scanner in a process of its own).
/// </summary>
public static class FleetBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task RunAsync(int[] sizes)
    {
        Console.WriteLine($"fixed latency {Latency.TotalMilliseconds:0} ms per request; page size {ResourceGraphApi.MaxPageSize}; fall-back batch size 200");
        foreach (var size in sizes) await RunOneAsync(size);
    }

    /// <summary>Live managed heap in MB after a full collection: what is held, not what was allocated.</summary>
    private static double Heap() => GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;

    private static async Task RunOneAsync(int registries)
    {
        using var certs = new TestCertificates();
        var fleet = FleetGenerator.Generate(registries);
        var standIn = new ResourceGraphStandIn(fleet) { Latency = Latency };
        await using var server = await HttpsTestServer.StartAsync(certs, standIn.HandleAsync);
        var pipeline = TestPipeline.Build(certs);
        var client = new ResourceGraphClient(pipeline, server.BaseUri);
        var collector = new FleetCollector(client, ArmBatchEndpointReader.For(TestPipeline.ArmReader(certs, server.BaseUri)), new FleetScanOptions());

        var heapWithFleet = Heap();
        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        TimeSpan? collected = null, cpuAtCollected = null;
        double heapAtCollected = 0;
        var reports = await FleetAnalyzer.AnalyzeAsync(collector.CollectAsync(), (_, _) =>
        {
            if (collected is null)
            {
                collected = wall.Elapsed;
                cpuAtCollected = Process.GetCurrentProcess().TotalProcessorTime;
                heapAtCollected = Heap();
            }
            return ValueTask.CompletedTask;
        });
        var fleetReport = FleetReport.Create(reports, collector.ScanErrors);
        wall.Stop();
        var heapAtEnd = Heap();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuStart;
        var analysisCpu = process.TotalProcessorTime - (cpuAtCollected ?? cpuStart);

        var expectedMatched = fleet.Registries.Zip(fleet.Registries.Select(r => fleetReport.Reports.First(x => x.Registry.Id == r.Id)))
            .Count(p => p.First.ExpectedFindings.SetEquals(p.Second.Findings.Select(f => f.Id)));
        Console.WriteLine($"{registries,6} registries: {standIn.GraphRequests} Resource Graph requests + {standIn.BatchRequests} ARM batches " +
                          $"({collector.Stats}); wall {wall.Elapsed.TotalSeconds:0.00} s (collection {collected?.TotalSeconds:0.00} s); " +
                          $"CPU {cpu.TotalSeconds:0.00} s (assembly + analysis {analysisCpu.TotalSeconds:0.00} s); " +
                          $"peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB; live heap: stand-in fleet {heapWithFleet:0} MB, " +
                          $"+ scan index {heapAtCollected - heapWithFleet:0} MB, + reports {heapAtEnd - heapAtCollected:0} MB; " +
                          $"{expectedMatched}/{registries} registries with exactly the expected findings");
    }
}
