using System.Net;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Tests.Support;
using FsCheck;
using FsCheck.Xunit;

namespace AcrNetCheck.Core.Tests.Evidence.Network;

public class PrefixIndexTests
{
    [Theory]
    [InlineData("20.42.65.1", true)]
    [InlineData("20.42.67.255", true)]
    [InlineData("20.42.68.0", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("2603:1030:1::5", true)]
    [InlineData("2603:1031::1", false)]
    [InlineData("::ffff:20.42.64.9", true)]
    public void Contains_IPv4AndIPv6(string address, bool expected)
    {
        var index = PrefixIndex.Build(new[] { "20.42.64.0/22", "2603:1030::/32", "20.42.64.0/24" }.Select(IpPrefix.Parse));

        Assert.Equal(expected, index.Contains(address));
    }

    [Fact]
    public void AdjacentAndNestedPrefixes_MergeIntoOneInterval()
    {
        var index = PrefixIndex.Build(new[] { "10.0.0.0/25", "10.0.0.128/25", "10.0.0.7/32", "0.0.0.0/0" }.Select(IpPrefix.Parse));

        Assert.Equal(1, index.IntervalCount);
        Assert.True(index.Contains("255.255.255.255"));
    }

    [Fact]
    public void EmptyIndex_ContainsNothing() => Assert.False(PrefixIndex.Empty.Contains("1.2.3.4"));

    /// <summary>The index agrees with a plain scan of the prefixes on random IPv4 prefixes and addresses.</summary>
    [Property(MaxTest = 500)]
    public bool IPv4_IndexAgreesWithNaiveScan(uint[] bases, byte[] lengths, uint address, byte nearBase)
    {
        var prefixes = bases.Zip(lengths, (b, l) => IpPrefix.Parse($"{V4(b)}/{l % 33}")).ToList();
        // Half the probes land near a prefix so that hits are as common as misses.
        var probe = prefixes.Count > 0 && nearBase % 2 == 0 ? bases[nearBase % prefixes.Count] ^ (address & 0xFF) : address;
        var ip = IPAddress.Parse(V4(probe));
        return PrefixIndex.Build(prefixes).Contains(ip) == prefixes.Any(p => p.Contains(ip));
    }

    [Property(MaxTest = 300)]
    public bool IPv6_IndexAgreesWithNaiveScan(ulong[] highs, byte[] lengths, ulong high, ulong low)
    {
        var prefixes = highs.Zip(lengths, (h, l) => IpPrefix.Parse($"{V6(h, 0)}/{l % 129}")).ToList();
        var ip = IPAddress.Parse(V6(highs.Length > 0 && low % 2 == 0 ? highs[(int)(low % (ulong)highs.Length)] : high, low));
        return PrefixIndex.Build(prefixes).Contains(ip) == prefixes.Any(p => p.Contains(ip));
    }

    private static string V4(uint v) => new IPAddress(BitConverter.GetBytes(v).Reverse().ToArray()).ToString();

    private static string V6(ulong high, ulong low) =>
        new IPAddress(BitConverter.GetBytes(high).Reverse().Concat(BitConverter.GetBytes(low).Reverse()).ToArray()).ToString();
}

/// <summary>The real public service-tags download and the ARM list example parse, with their published sizes.</summary>
public class ServiceTagsFileTests
{
    private static readonly Lazy<AcrNetCheck.Core.Evidence.ServiceTagEvidence> Download = new(() =>
    {
        using var reader = File.OpenText(Path.Combine(Reference.Folder, "service-tags", "ServiceTags_Public.json"));
        return ServiceTagsFile.Parse(reader);
    });

    [Fact]
    public void PublicDownload_HasTheKnownCounts()
    {
        var tags = Download.Value;

        Assert.Equal("360", tags.ChangeNumber);
        Assert.Equal(2968, tags.Tags.Count);
        Assert.Equal(1116, tags.Tags["AzureContainerRegistry"].Count);
        Assert.Equal(22, tags.Tags["AzureContainerRegistry.EastUS"].Count);
        Assert.Equal(67, tags.Tags.Keys.Count(k => k.StartsWith("AzureContainerRegistry.", StringComparison.Ordinal)));
        Assert.Equal(12209, tags.Tags["AzureCloud"].Count);
    }

    [Fact]
    public void EveryPrefixOfTheDownloadParses_AndEachRegionalAcrTagIsInsideTheGlobalOne()
    {
        var tags = Download.Value;
        Assert.All(tags.Tags.Values.SelectMany(p => p), p => Assert.True(IpPrefix.TryParse(p, out _), p));

        var global = PrefixIndex.Build(tags.Tags["AzureContainerRegistry"].Select(IpPrefix.Parse));
        foreach (var prefix in tags.Tags["AzureContainerRegistry.EastUS"].Select(IpPrefix.Parse))
            Assert.True(global.Contains(prefix.Network), $"{prefix} not in AzureContainerRegistry");
    }

    [Fact]
    public void ArmListExample_ReadsChangeNumberAsString()
    {
        var body = Reference.Body("Microsoft.Network/ServiceTags_List.json");

        var tags = ServiceTagsFile.Parse(body.ToString());

        Assert.Equal(body.Value<string>("changeNumber"), tags.ChangeNumber);
        Assert.NotEmpty(tags.Tags);
    }
}
