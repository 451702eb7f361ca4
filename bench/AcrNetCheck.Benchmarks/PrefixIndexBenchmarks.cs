using System.Net;
using AcrNetCheck.Core.Evidence.Network;
using BenchmarkDotNet.Attributes;

namespace AcrNetCheck.Benchmarks;

/// <summary>Index build and lookups against a linear scan, on the real AzureCloud tag (≈ 12,000 prefixes).</summary>
[MemoryDiagnoser]
public class PrefixIndexBenchmarks
{
    private IpPrefix[] _prefixes = [];
    private PrefixIndex _index = PrefixIndex.Empty;
    private IPAddress[] _probes = [];

    [Params("AzureContainerRegistry", "AzureCloud")]
    public string Tag { get; set; } = "AzureCloud";

    [GlobalSetup]
    public void Setup()
    {
        _prefixes = ServiceTagData.Prefixes(ServiceTagData.Load(), Tag);
        _index = PrefixIndex.Build(_prefixes);
        _probes = ServiceTagData.Probes(_prefixes, 1024);
    }

    [Benchmark]
    public PrefixIndex Build() => PrefixIndex.Build(_prefixes);

    [Benchmark(OperationsPerInvoke = 1024)]
    public int LookupIndexed()
    {
        var hits = 0;
        foreach (var ip in _probes) if (_index.Contains(ip)) hits++;
        return hits;
    }

    [Benchmark(OperationsPerInvoke = 1024, Baseline = true)]
    public int LookupLinearScan()
    {
        var hits = 0;
        foreach (var ip in _probes) if (_prefixes.Any(p => p.Contains(ip))) hits++;
        return hits;
    }
}
