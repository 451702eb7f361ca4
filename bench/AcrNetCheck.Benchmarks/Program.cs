using System.Diagnostics;
using AcrNetCheck.Benchmarks;
using AcrNetCheck.Core.Evidence.Network;
using BenchmarkDotNet.Running;

// `fleet [sizes…]`: the fleet scan against the local Resource Graph stand-in (see FleetBenchmark).
// `report`: a quick harness printing the figures docs/performance.md records; anything else goes to BenchmarkDotNet.
if (args is ["report"])
{
    var clock = Stopwatch.StartNew();
    var tags = ServiceTagData.Load();
    var load = clock.Elapsed;
    foreach (var tag in new[] { "AzureContainerRegistry", "AzureCloud" })
    {
        var prefixes = ServiceTagData.Prefixes(tags, tag);
        clock.Restart();
        var index = PrefixIndex.Build(prefixes);
        var build = clock.Elapsed;
        var probes = ServiceTagData.Probes(prefixes, 1_000_000);
        clock.Restart();
        var hits = probes.Count(index.Contains);
        var indexed = clock.Elapsed;
        var sample = probes.Take(20_000).ToArray();
        clock.Restart();
        var linearHits = sample.Count(ip => prefixes.Any(p => p.Contains(ip)));
        var linear = clock.Elapsed * (probes.Length / (double)sample.Length);
        Console.WriteLine($"{tag}: {prefixes.Length} prefixes → {index.IntervalCount} intervals; build {build.TotalMilliseconds:0.0} ms; " +
                          $"{probes.Length / indexed.TotalSeconds / 1e6:0.0} M lookups/s indexed ({hits} hits); " +
                          $"linear scan ≈ {probes.Length / linear.TotalSeconds / 1e6:0.000} M lookups/s ({linearHits} hits in sample); speedup ×{linear / indexed:0}");
    }
    Console.WriteLine($"load + parse of ServiceTags_Public.json ({tags.Tags.Count} tags): {load.TotalMilliseconds:0} ms");
    return;
}
if (args is ["fleet", .. var sizes])
{
    await FleetBenchmark.RunAsync(sizes.Length == 0 ? [1_000, 10_000] : sizes.Select(int.Parse).ToArray());
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(PrefixIndexBenchmarks).Assembly).Run(args);
