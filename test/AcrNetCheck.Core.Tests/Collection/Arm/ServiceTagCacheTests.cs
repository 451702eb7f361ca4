using AcrNetCheck.Core.Collection.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.Arm;

public sealed class ServiceTagCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("acr-netcheck-cache-").FullName;
    private DateTimeOffset _now = DateTimeOffset.Parse("2026-11-25T10:00:00Z");
    private int _downloads;

    private readonly RecordingLog _log = new();

    private ServiceTagCache Cache(string cloud = "management.azure.com") => new(_dir, cloud, TimeSpan.FromDays(1), () => _now, _log);

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
        var warning = Assert.Single(_log.Warnings);
        Assert.Equal("service tags for eastus: download failed (down); using the copy cached 2026-11-25 10:00 UTC (changeNumber 360), which is 3 day(s) old", warning);
    }

    [Fact]
    public async Task FreshCopy_NoWarning()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        await Cache().GetAsync("eastus", t => Counted("361", t), default);

        Assert.Empty(_log.Warnings);
    }

    public static TheoryData<string, string> Tampered => new()
    {
        { "numeric fetchedAt", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": 1764064800, "list": LIST}""" },
        { "fetchedAt not a date", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": "yesterday", "list": LIST}""" },
        { "fetchedAt an object", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": {"$date": 1}, "list": LIST}""" },
        { "future date", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": "2099-01-01T00:00:00Z", "list": LIST}""" },
        { "another cloud", """{"cloud": "management.chinacloudapi.cn", "location": "eastus", "fetchedAt": "2026-11-25T09:00:00Z", "list": LIST}""" },
        { "another location", """{"cloud": "management.azure.com", "location": "westeurope", "fetchedAt": "2026-11-25T09:00:00Z", "list": LIST}""" },
        { "no cloud (older version)", """{"fetchedAt": "2026-11-25T09:00:00Z", "list": LIST}""" },
        { "bad prefix", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": "2026-11-25T09:00:00Z", "list": {"changeNumber": "9", "values": [{"name": "AzureContainerRegistry", "properties": {"addressPrefixes": ["0.0.0.0/99"]}}]}}""" },
        { "values not a list", """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": "2026-11-25T09:00:00Z", "list": {"changeNumber": "9", "values": 7}}""" },
        { "not an object", """[1, 2, 3]""" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task TamperedCopy_NotTrusted_Downloaded(string what, string entry)
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        var list = """{"changeNumber": "9", "values": [{"name": "AzureContainerRegistry", "properties": {"addressPrefixes": ["20.42.64.0/22"]}}]}""";
        foreach (var file in Directory.GetFiles(_dir)) File.WriteAllText(file, entry.Replace("LIST", list));

        var fresh = await Cache().GetAsync("eastus", t => Counted("361", t), default);
        var again = await Cache().GetAsync("eastus", t => Counted("362", t), default);

        Assert.True(fresh["changeNumber"]!.ToString() == "361", what);
        Assert.Equal("361", again["changeNumber"]!.ToString()); // and the replacement is trusted
        Assert.Equal(2, _downloads);
    }

    [Fact]
    public async Task TamperedCopy_FailedDownload_FailsTheReadOnly_NotFallingBackToIt()
    {
        await Cache().GetAsync("eastus", t => Counted("360", t), default);
        foreach (var file in Directory.GetFiles(_dir))
            File.WriteAllText(file, """{"cloud": "management.azure.com", "location": "eastus", "fetchedAt": 5, "list": {"values": []}}""");

        await Assert.ThrowsAsync<ArmReadException>(() => Cache().GetAsync("eastus", _ => throw new ArmReadException(503, "ServiceUnavailable", "down"), default));
    }

    private sealed class RecordingLog : AcrNetCheck.Core.Collection.ICollectionLog
    {
        public List<string> Warnings { get; } = new();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public void Warning(string message) => Warnings.Add(message);
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
