using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.Logs;

/// <summary>The collector against a local Log Analytics stand-in and ARM documents from a bundle: workspaces found, queried, merged.</summary>
public sealed class LoginEventsCollectorTests : IDisposable
{
    private const string Workspace1 = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-logs/providers/Microsoft.OperationalInsights/workspaces/law-central";
    private const string Workspace2 = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-sec/providers/Microsoft.OperationalInsights/workspaces/law-security";
    private readonly TestCertificates _certs = new();

    [Fact]
    public async Task TwoWorkspacesWithTheSameStream_QueriedEachAndCountedOnce()
    {
        var b = EvidenceBuilder.Create().Registry()
            .DiagnosticSetting("central", Workspace1, "ContainerRegistryLoginEvents")
            .DiagnosticSetting("security", Workspace2, "allLogs")
            .Resource(WorkspaceDocument(Workspace1, "c1")).Resource(WorkspaceDocument(Workspace2, "c2"));
        var recent = DateTimeOffset.UtcNow.AddMinutes(-5);
        var denied = EvidenceBuilder.NetworkDeniedLogin("198.51.100.23", count: 42);
        (denied.FirstSeen, denied.LastSeen) = (recent, recent);
        await using var logs = await FakeLogAnalytics.StartAsync(_certs, [denied], ["c1", "c2"], TestPipeline.Token);
        var bundle = b.Build();

        await Collector(bundle, logs).CollectAsync(Context(bundle), bundle, default);

        Assert.Equal([Workspace1, Workspace2], bundle.LoginEvents!.Workspaces);
        var group = Assert.Single(bundle.LoginEvents.Groups);
        Assert.Equal(("198.51.100.23", 42L), (group.CallerIpAddress, group.Count));
        Assert.Equal(["/v1/workspaces/c1/query", "/v1/workspaces/c2/query"], logs.Queries.Select(q => q.PathAndQuery));
        Assert.Empty(bundle.CollectionErrors);
    }

    [Fact]
    public async Task NoWorkspaceReceivesLoginEvents_NothingQueried()
    {
        var bundle = EvidenceBuilder.Create().Registry().DiagnosticSetting("repo", Workspace1, "ContainerRegistryRepositoryEvents").Build();
        await using var logs = await FakeLogAnalytics.StartAsync(_certs, [], ["c1"], TestPipeline.Token);

        await Collector(bundle, logs).CollectAsync(Context(bundle), bundle, default);

        Assert.Null(bundle.LoginEvents);
        Assert.Empty(logs.Queries);
    }

    /// <summary>A custom cloud without a Log Analytics endpoint: say so, and never guess the public one.</summary>
    [Fact]
    public async Task CloudWithoutLogAnalyticsEndpoint_RecordsWhyNothingWasQueried()
    {
        var bundle = EvidenceBuilder.Create().Registry().DiagnosticSetting("central", Workspace1, "ContainerRegistryLoginEvents")
            .Resource(WorkspaceDocument(Workspace1, "c1")).Build();

        await new LoginEventsCollector(new BundleArmReader(bundle), client: null, TimeSpan.FromDays(1), "LocalStack").CollectAsync(Context(bundle), bundle, default);

        Assert.Null(bundle.LoginEvents);
        var error = Assert.Single(bundle.CollectionErrors);
        Assert.Equal("loginEvents", error.Read);
        Assert.Contains("cloud 'LocalStack' names no Log Analytics endpoint", error.Message);
    }

    [Fact]
    public void Merge_KeepsTheWidestWindow()
    {
        var early = EvidenceBuilder.UnauthorizedLogin("203.0.113.7", count: 5);
        var late = EvidenceBuilder.UnauthorizedLogin("203.0.113.7", count: 3);
        (early.FirstSeen, early.LastSeen) = (new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero));
        (late.FirstSeen, late.LastSeen) = (new DateTimeOffset(2026, 1, 1, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero));

        var merged = Assert.Single(LoginEventGroups.Merge([[early], [late]]));

        Assert.Equal((5L, early.FirstSeen, late.LastSeen), (merged.Count, merged.FirstSeen, merged.LastSeen));
    }

    private LoginEventsCollector Collector(EvidenceBundle bundle, FakeLogAnalytics logs) =>
        new(new BundleArmReader(bundle), new LogAnalyticsQueryClient(TestPipeline.Build(_certs), logs.BaseUri), TimeSpan.FromDays(1));

    private static CollectionContext Context(EvidenceBundle bundle) => new() { Target = bundle.Target, Deadline = new CollectionDeadline(TimeSpan.FromSeconds(30), DateTimeOffset.Now, CancellationToken.None) };

    private static JObject WorkspaceDocument(string id, string customerId) => JObject.FromObject(new
    {
        id, name = id.Split('/')[^1], type = "Microsoft.OperationalInsights/workspaces", properties = new { customerId },
    });

    /// <summary>ARM GETs answered from the bundle's own documents (the collector reads only workspaces here).</summary>
    private sealed class BundleArmReader(EvidenceBundle bundle) : IArmReader
    {
        public Task<JObject> GetAsync(string resourceId, CancellationToken cancellationToken) =>
            bundle.Arm!.Resources.TryGetValue(resourceId, out var document) ? Task.FromResult(document) : throw new ArmReadException(404, "ResourceNotFound", resourceId);
        public Task<JObject> GetAsync(string resourceId, string apiVersion, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<JObject>> ListAsync(string collectionPath, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<FoundResource>> FindResourcesAsync(string subscriptionId, string resourceType, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IReadOnlyList<(string Id, string Name)>> ListSubscriptionsAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<JObject> GetServiceTagsAsync(string subscriptionId, string location, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    public void Dispose() => _certs.Dispose();
}
