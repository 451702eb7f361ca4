using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;
using Azure;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.ResourceGraph;

/// <summary>The Resource Graph client against the local stand-in: request shape, paging, quota pacing, throttling, failures.</summary>
public sealed class ResourceGraphClientTests : IDisposable
{
    private readonly TestCertificates _certs = new();

    [Fact]
    public async Task Query_PagesWithSkipToken_InTheDocumentedRequestShape()
    {
        var fleet = FleetGenerator.Generate(25, subscriptions: 1);
        var standIn = new ResourceGraphStandIn(fleet);
        await using var server = await HttpsTestServer.StartAsync(_certs, standIn.HandleAsync);
        var client = new ResourceGraphClient(TestPipeline.Build(_certs), server.BaseUri) { PageSize = 10 };

        var pages = await Pages(client, FleetQueries.Registries().Text, ResourceGraphScope.OfSubscriptions(fleet.Subscriptions[0]));

        Assert.Equal([10, 10, 5], pages.Select(p => p.Rows.Count));
        Assert.Equal(25, pages.SelectMany(p => p.Rows).Select(r => r.Value<string>("id")).Distinct().Count());
        var requests = server.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal($"POST /providers/Microsoft.ResourceGraph/resources?api-version={ResourceGraphApi.ApiVersion}", $"{r.Method} {r.PathAndQuery}"));
        Assert.All(requests, r => Assert.Equal($"Bearer {TestPipeline.Token}", r.Headers["Authorization"]));
        var first = JObject.Parse(requests[0].Body);
        Assert.Equal(fleet.Subscriptions[0], first["subscriptions"]![0]!.ToString());
        Assert.Equal(10, first.SelectToken("options.$top")!.Value<int>());
        Assert.Equal("objectArray", first.SelectToken("options.resultFormat")!.ToString());
        Assert.Null(first.SelectToken("options.$skipToken"));
        Assert.Equal(pages[0].SkipToken, JObject.Parse(requests[1].Body).SelectToken("options.$skipToken")!.ToString());
        Assert.Null(pages[^1].SkipToken);
    }

    [Fact]
    public async Task ManagementGroupScope_SendsManagementGroupsNotSubscriptions()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, new ResourceGraphStandIn(FleetGenerator.Generate(3)).HandleAsync);
        var client = new ResourceGraphClient(TestPipeline.Build(_certs), server.BaseUri);

        await Pages(client, FleetQueries.Registries().Text, new ResourceGraphScope([], ["mg-platform"]));

        var body = JObject.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("mg-platform", body["managementGroups"]![0]!.ToString());
        Assert.Null(body["subscriptions"]);
    }

    [Fact]
    public async Task QuotaUsedUp_WaitsForTheReset_InsteadOfDrawing429s()
    {
        var standIn = new ResourceGraphStandIn(FleetGenerator.Generate(40, subscriptions: 1)) { QuotaPerWindow = 2, QuotaWindow = TimeSpan.FromSeconds(1) };
        await using var server = await HttpsTestServer.StartAsync(_certs, standIn.HandleAsync);
        var client = new ResourceGraphClient(TestPipeline.Build(_certs, maxRetries: 0), server.BaseUri) { PageSize = 10 };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var pages = await Pages(client, FleetQueries.Registries().Text, ResourceGraphScope.Tenant);

        Assert.Equal(4, pages.Count);
        Assert.Equal(0, standIn.QuotaRejections);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"4 queries at 2 per second took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Throttled_RetriedAfterRetryAfter_ByThePipeline()
    {
        var standIn = new ResourceGraphStandIn(FleetGenerator.Generate(5)) { ThrottleOnce = true };
        await using var server = await HttpsTestServer.StartAsync(_certs, standIn.HandleAsync);
        var client = new ResourceGraphClient(TestPipeline.Build(_certs), server.BaseUri);

        var pages = await Pages(client, FleetQueries.Registries().Text, ResourceGraphScope.Tenant);

        Assert.Equal(5, pages.Single().Rows.Count);
        Assert.Equal(2, standIn.GraphRequests);
        Assert.Equal(1, client.RequestsSent);
    }

    [Fact]
    public async Task RefusedSubscription_SurfacesStatusAndErrorCode()
    {
        var fleet = FleetGenerator.Generate(4, subscriptions: 2);
        var standIn = new ResourceGraphStandIn(fleet) { UnreadableSubscriptions = { fleet.Subscriptions[1] } };
        await using var server = await HttpsTestServer.StartAsync(_certs, standIn.HandleAsync);
        var client = new ResourceGraphClient(TestPipeline.Build(_certs), server.BaseUri);

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Pages(client, FleetQueries.Registries().Text, ResourceGraphScope.OfSubscriptions([.. fleet.Subscriptions])));

        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthorizationFailed", ex.ErrorCode);
    }

    [Fact]
    public void DocumentedExamples_ParseRowsTokenAndStringTruncationFlag()
    {
        var basic = ResourceGraphPage.Parse(Reference.Body("Microsoft.ResourceGraph/Resources.json"));
        var first = ResourceGraphPage.Parse(Reference.Body("Microsoft.ResourceGraph/Resources_FirstPage.json"));

        Assert.Equal(3, basic.Rows.Count);
        Assert.False(basic.ResultTruncated);
        Assert.Null(basic.SkipToken);
        Assert.Equal("microsoft.network/networkinterfaces", basic.Rows[0].Value<string>("type"));
        Assert.Equal(3, first.Rows.Count);
        Assert.NotNull(first.SkipToken);
        Assert.Equal(386, first.TotalRecords);
        Assert.True(ResourceGraphPage.Parse(new JObject { ["resultTruncated"] = "true", ["data"] = new JArray() }).ResultTruncated);
    }

    private static async Task<List<ResourceGraphPage>> Pages(ResourceGraphClient client, string query, ResourceGraphScope scope)
    {
        var pages = new List<ResourceGraphPage>();
        await foreach (var page in client.QueryAsync(query, scope)) pages.Add(page);
        return pages;
    }

    public void Dispose() => _certs.Dispose();
}
