using System.Net;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Benchmarks;

/// <summary>The real public service-tags download (test/fixtures/reference in the repository) and a fixed set of addresses to look up.</summary>
public static class ServiceTagData
{
    private const string RelativePath = "test/fixtures/reference/service-tags/ServiceTags_Public.json";

    public static string FilePath { get; } = Find();

    public static ServiceTagEvidence Load()
    {
        using var reader = File.OpenText(FilePath);
        return ServiceTagsFile.Parse(reader);
    }

    public static IpPrefix[] Prefixes(ServiceTagEvidence tags, string tag) => tags.Tags[tag].Select(IpPrefix.Parse).ToArray();

    /// <summary>Deterministic addresses: half inside the tag's prefixes, half random (mostly outside).</summary>
    public static IPAddress[] Probes(IpPrefix[] prefixes, int count)
    {
        var random = new Random(42);
        var v4 = prefixes.Where(p => p.IsIPv4).ToArray();
        return Enumerable.Range(0, count).Select(i =>
        {
            if (i % 2 == 0 && v4.Length > 0) return v4[random.Next(v4.Length)].Network;
            var bytes = new byte[4];
            random.NextBytes(bytes);
            return new IPAddress(bytes);
        }).ToArray();
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "acr-netcheck.sln")))
                return Path.Combine(dir.FullName, RelativePath);
        }
        throw new FileNotFoundException($"acr-netcheck.sln not found above {AppContext.BaseDirectory}: run the benchmark from the repository ({RelativePath}).");
    }
}
