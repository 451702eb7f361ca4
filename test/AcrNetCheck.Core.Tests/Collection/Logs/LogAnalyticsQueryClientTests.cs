using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.Logs;

/// <summary>The query client against a local HTTPS stand-in of the Log Analytics API, answering in its real shape.</summary>
public sealed class LogAnalyticsQueryClientTests : IDisposable
{
    private const string Token = "la-test-token-5f2c";
    private readonly TestCertificates _certs = new();

    /// <summary>Login events the stand-in "holds": 200,000 raw rows that only a summarizing query may answer compactly.</summary>
    private static readonly (string Ip, string Identity, string Result, string Description)[] RawEvents =
        Enumerable.Range(0, 200_000).Select(i => (i % 4) switch
        {
            0 => ("198.51.100.23", "github-actions-sp", "403", "403 Forbidden: client with IP '198.51.100.23' is not allowed access."),
            1 => ("203.0.113.7", "build-sp", "401", "401 Unauthorized"),
            _ => ("16.17.18.20", "aks-kubelet", "200", "200 OK"),
        }).ToArray();

    [Fact]
    public async Task SummarizingQuery_TransfersOneRowPerGroup_NotPerEvent()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, LogAnalyticsStandIn);

        var table = await Client(server).QueryWorkspaceAsync("63613592-b6f7-4c3d-a390-22ba13102111", LoginEventsKql.For("contoso.azurecr.io"), TimeSpan.FromDays(7), default);
        var groups = LoginEventSummary.Read(table);

        Assert.Equal(3, table.RowCount);
        Assert.Equal(RawEvents.Length, groups.Sum(g => g.Count));
        var denied = groups.Single(g => g.ResultType == "403");
        Assert.Equal(("198.51.100.23", 50_000L), (denied.CallerIpAddress, denied.Count));
        Assert.Equal(["docker/27.3.1 go/go1.22.7", "helm/v3.16.2"], denied.UserAgents);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/workspaces/63613592-b6f7-4c3d-a390-22ba13102111/query", request.PathAndQuery);
        Assert.Equal($"Bearer {Token}", request.Headers["Authorization"]);
        var body = JObject.Parse(request.Body);
        Assert.Equal("P7D", body["timespan"]!.ToString());
        Assert.Contains("| summarize Count = count()", body["query"]!.ToString());
        Assert.Contains("UserAgents = make_set(UserAgent, 3)", body["query"]!.ToString());
        Assert.Contains("LoginServer =~ 'contoso.azurecr.io'", body["query"]!.ToString());
    }

    [Fact]
    public async Task Throttled_RetriesAfterRetryAfter_ThenSucceeds()
    {
        var calls = 0;
        await using var server = await HttpsTestServer.StartAsync(_certs, async ctx =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                ctx.Response.StatusCode = 429;
                ctx.Response.Headers["Retry-After"] = "1";
                await ctx.Response.WriteAsync("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
                return;
            }
            await LogAnalyticsStandIn(ctx);
        });

        var table = await Client(server).QueryResourceAsync(EvidenceBuilder.Create().Registry().RegistryId, LoginEventsKql.For(null), TimeSpan.FromDays(1), default);

        Assert.Equal(2, calls);
        Assert.Equal(3, table.RowCount);
        Assert.Equal($"/v1{EvidenceBuilder.Create().Registry().RegistryId}/query", server.Requests.Last().PathAndQuery);
        Assert.DoesNotContain("LoginServer =~", JObject.Parse(server.Requests.Last().Body)["query"]!.ToString());
    }

    [Fact]
    public async Task PartialError_KeepsRowsAndSaysSo()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, ctx => ctx.Response.WriteAsync("""
            {"tables":[{"name":"PrimaryResult","columns":[{"name":"CallerIpAddress","type":"string"},{"name":"ResultType","type":"string"},{"name":"Count","type":"long"}],
              "rows":[["198.51.100.23","403","12"]]}],
             "error":{"code":"PartialError","message":"There were some errors when processing your query."}}
            """));

        var table = await Client(server).QueryWorkspaceAsync("w", LoginEventsKql.For(null), TimeSpan.FromDays(1), default);

        Assert.Equal("PartialError: There were some errors when processing your query.", table.PartialError);
        Assert.Equal(12, LoginEventSummary.Read(table)[0].Count);
    }

    [Fact]
    public async Task Forbidden_SurfacesStatusAndErrorCode()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, ctx =>
        {
            ctx.Response.StatusCode = 403;
            return ctx.Response.WriteAsync("{\"error\":{\"code\":\"InsufficientAccessError\",\"message\":\"The provided credentials have insufficient access to perform the requested operation\"}}");
        });

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Client(server).QueryWorkspaceAsync("w", "x", TimeSpan.FromDays(1), default));

        Assert.Equal(403, ex.Status);
        Assert.Equal("InsufficientAccessError", ex.ErrorCode);
    }

    [Theory]
    [InlineData("Microsoft.OperationalInsights/Query_Execute_Post.json")]
    public void DocumentedExample_StringTypedCellsReadThroughColumnTypes(string example)
    {
        var table = LogAnalyticsTable.Parse(Reference.Body(example));

        Assert.True(table.RowCount > 0);
        Assert.True(table.Long(0, "BatchesWithinSla") >= 0);
        Assert.NotNull(table.Time(0, "TimeGenerated"));
    }

    [Fact]
    public void BatchExample_TypedCells()
    {
        var body = (JObject)Reference.Body("Microsoft.OperationalInsights/Query_Batch.json").SelectToken("responses[0].body")!;

        var table = LogAnalyticsTable.Parse(body);

        Assert.True(table.RowCount > 0);
        Assert.NotNull(table.String(0, "Name"));
    }

    /// <summary>Answers a summarize query with the grouped rows (typed cells, as the live service does); refuses raw pulls.</summary>
    private static async Task LogAnalyticsStandIn(HttpContext ctx)
    {
        var query = JObject.Parse(await new StreamReader(ctx.Request.Body).ReadToEndAsync())["query"]!.ToString();
        if (!query.Contains("summarize", StringComparison.Ordinal))
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsync("{\"error\":{\"code\":\"TooManyRows\",\"message\":\"raw pull refused by the test stand-in\"}}");
            return;
        }
        var rows = RawEvents.GroupBy(e => e).Select(g => new JArray(g.Key.Ip, g.Key.Identity, g.Key.Result, g.Key.Description, "Login", "contoso.azurecr.io",
            g.LongCount(), "2026-11-24T08:00:00Z", "2026-11-24T09:30:00Z", new JArray("docker/27.3.1 go/go1.22.7", "helm/v3.16.2")));
        var columns = new[] { ("CallerIpAddress", "string"), ("Identity", "string"), ("ResultType", "string"), ("ResultDescription", "string"),
            ("OperationName", "string"), ("LoginServer", "string"), ("Count", "long"), ("FirstSeen", "datetime"), ("LastSeen", "datetime"), ("UserAgents", "dynamic") };
        var response = new JObject
        {
            ["tables"] = new JArray(new JObject
            {
                ["name"] = "PrimaryResult",
                ["columns"] = new JArray(columns.Select(c => new JObject { ["name"] = c.Item1, ["type"] = c.Item2 })),
                ["rows"] = new JArray(rows),
            }),
        };
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(response.ToString());
    }

    private LogAnalyticsQueryClient Client(HttpsTestServer server)
    {
        var options = new TestClientOptions
        {
            Transport = new HttpClientTransport(new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { _certs.Ca }, RevocationMode = X509RevocationMode.NoCheck },
                },
            }),
        };
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        var pipeline = HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(new StaticToken(), "https://api.loganalytics.io/.default"));
        return new LogAnalyticsQueryClient(pipeline, server.BaseUri);
    }

    private sealed class TestClientOptions : ClientOptions;

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.UtcNow.AddHours(1));
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }

    public void Dispose() => _certs.Dispose();
}
