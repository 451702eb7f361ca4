using System.Diagnostics;
using AcrNetCheck.Core.Collection.Http;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Testing;
using Azure.Core;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Core.Tests.Collection.Http;

/// <summary>An endless or oversized answer from a service ends the read at the cap, quickly, as a non-retried failure.</summary>
public sealed class ResponseSizeLimitPolicyTests : IDisposable
{
    private const long Cap = 1024 * 1024;
    private readonly TestCertificates _certs = new();

    [Fact]
    public async Task ResourceGraph_EndlessBody_FailsAtTheCap_WithoutRetrying()
    {
        var requests = 0;
        await using var server = await HttpsTestServer.StartAsync(_certs, context => { Interlocked.Increment(ref requests); return HostileAnswers.EndlessBodyAsync(context); });
        var client = new ResourceGraphClient(TestPipeline.Build(_certs, beforeTransport: new ResponseSizeLimitPolicy(Cap)), server.BaseUri);
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<ResponseTooLargeException>(async () =>
        {
            await foreach (var _ in client.QueryAsync("resources", ResourceGraphScope.OfSubscriptions("6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b"))) { }
        });

        Assert.Equal(ResponseTooLargeException.ErrorCodeValue, failure.ErrorCode);
        Assert.Contains("1 MiB limit", failure.Message);
        Assert.Equal(1, requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task LogAnalytics_EndlessBody_BecomesACollectionErrorNamingTheLimit()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, HostileAnswers.EndlessBodyAsync);
        var client = new LogAnalyticsQueryClient(TestPipeline.Build(_certs, "https://api.loganalytics.io/.default", beforeTransport: new ResponseSizeLimitPolicy(Cap)), server.BaseUri);

        var failure = await Assert.ThrowsAsync<ResponseTooLargeException>(() => client.QueryWorkspaceAsync("63613592-b6f7-4c3d-a390-22ba13102111", "print 1", TimeSpan.FromDays(1), CancellationToken.None));
        var error = LogQueryErrors.From(failure, "workspace", LogQueryErrors.WorkspaceQueryPermission, TimeSpan.FromSeconds(30))!;

        Assert.Equal((200, "ResponseTooLarge"), (error.Status, error.ErrorCode));
        Assert.Contains("1 MiB limit for one response", error.Message);
    }

    [Fact]
    public async Task DeclaredLengthOverTheCap_FailsBeforeReadingTheBody()
    {
        await using var server = await HttpsTestServer.StartAsync(_certs, async context =>
        {
            context.Response.ContentLength = Cap * 4;
            await context.Response.Body.WriteAsync(new byte[1024]);
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        });
        var pipeline = TestPipeline.Build(_certs, beforeTransport: new ResponseSizeLimitPolicy(Cap));
        using var message = pipeline.CreateMessage();
        message.Request.Uri.Reset(server.BaseUri);

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<ResponseTooLargeException>(() => pipeline.SendAsync(message, CancellationToken.None).AsTask());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task BodyUnderTheCap_IsReadWhole()
    {
        var body = "{\"data\": \"" + new string('x', (int)Cap - 100) + "\"}";
        await using var server = await HttpsTestServer.StartAsync(_certs, context => context.Response.WriteAsync(body));
        var pipeline = TestPipeline.Build(_certs, beforeTransport: new ResponseSizeLimitPolicy(Cap));
        using var message = pipeline.CreateMessage();
        message.Request.Uri.Reset(server.BaseUri);

        await pipeline.SendAsync(message, CancellationToken.None);

        Assert.Equal(body, message.Response.Content.ToString());
    }

    public void Dispose() => _certs.Dispose();
}
