using AcrNetCheck.Core.Collection.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.Arm;

public sealed class ServiceTagCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acr-netcheck-cache-").FullName;
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-11-25T10:00:00Z");
    private int _downloads;

    private ServiceTagCache Cache(string cloud = "management.azure.com") => new(_dir, cloud, TimeSpan.FromDays(1), () => _now);

    private Task<JObject> Download(string changeNumber) => Task.FromResult(new JObject
    {
        ["changeNumber"] = changeNumber,
        ["values"] = new JArray(new JObject { ["name"] = "AzureContainerRegistry", ["properties"] = new JObject { ["addressPrefixes"] = new JArray("20.42.64.0/22") } }),
    });

    private Task<JObject> Counted(string changeNumber, CancellationToken _) { _downloads++; return Download(changeNumber); }

    [Fact]
    public async Task SecondRunWithinADay_ReusesTheCopyOnDisk()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        _now = _now.AddHours(20);
        var second = await Cache().GetAsync("eastus", t => Counted("361", t), default);

        Assert.Equal(1, _downloads);
        Assert.Equal("360", second["changeNumber"]!.ToString());
    }

    [Fact]
    public async Task AfterADay_DownloadsAgainAndKeepsTheNewChangeNumber()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        _now = _now.AddDays(2);
        var renewed = await Cache().GetAsync("eastus", t => Counted("361", t), default);
        var third = await Cache().GetAsync("eastus", t => Counted("362", t), default);

        Assert.Equal(2, _downloads);
        Assert.Equal("361", renewed["changeNumber"]!.ToString());
        Assert.Equal("361", third["changeNumber"]!.ToString());
    }

    [Fact]
    public async Task FailedDownload_FallsBackToTheStaleCopy()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        _now = _now.AddDays(3);

        var stale = await Cache().GetAsync("eastus", _ => throw new ArmReadException(503, "ServiceUnavailable", "down"), default);

        Assert.Equal("360", stale["changeNumber"]!.ToString());
    }

    [Fact]
    public async Task FailedDownloadWithoutCopy_Propagates() =>
        await Assert.ThrowsAsync<ArmReadException>(() => Cache().GetAsync("eastus", _ => throw new ArmReadException(403, "AuthorizationFailed", "no"), default));

    [Fact]
    public async Task CloudsAndLocationsAreKeptApart()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        await Cache("management.chinacloudapi.cn").GetAsync("eastus", t => Counted("50", t), default);
        await Cache().GetAsync("westeurope", t => Counted("360", t), default);

        Assert.Equal(3, _downloads);
    }

    [Fact]
    public async Task TornFile_IsIgnoredAndReplaced()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        foreach (var file in Directory.GetFiles(_dir)) File.WriteAllText(file, "{\"list\": {");

        var list = await Cache().GetAsync("eastus", t => Counted("361", t), default);

        Assert.Equal("361", list["changeNumber"]!.ToString());
    }

    [Fact]
    public void DefaultDirectory_FollowsXdgThenHome()
    {
        Assert.Equal("/x/acr-netcheck", ServiceTagCache.DefaultDirectory(n => n == "XDG_CACHE_HOME" ? "/x" : "/home/u"));
        Assert.Equal("/home/u/.cache/acr-netcheck", ServiceTagCache.DefaultDirectory(n => n == "HOME" ? "/home/u" : null));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
