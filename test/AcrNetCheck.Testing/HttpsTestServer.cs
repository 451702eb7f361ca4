using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AcrNetCheck.Testing;

/// <summary>When a request arrived and when its answer was written.</summary>
public sealed record TimedRequest(string Method, string Path, DateTimeOffset Start, DateTimeOffset End, string Query = "")
{
    /// <summary>
    /// The longest chain of requests each sent after the one before was answered: the round trips a run waited for one
    /// after another, however many ran side by side.
    /// </summary>
    public static int SequentialRoundTrips(IEnumerable<TimedRequest> requests) =>
        ByChainDepth(requests).Select(r => r.Depth).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Each request (in arrival order) with the length of the longest chain ending in it: 1 for a request sent before any
    /// answer came, n + 1 for one sent after the answer of a request of depth n.
    /// </summary>
    public static IReadOnlyList<(TimedRequest Request, int Depth)> ByChainDepth(IEnumerable<TimedRequest> requests)
    {
        var ordered = requests.OrderBy(r => r.Start).ToList();
        var chain = new int[ordered.Count];
        for (var i = 0; i < ordered.Count; i++)
            chain[i] = 1 + Enumerable.Range(0, i).Where(j => ordered[j].End <= ordered[i].Start).Select(j => chain[j]).DefaultIfEmpty(0).Max();
        return ordered.Select((r, i) => (r, chain[i])).ToList();
    }
}

/// <summary>One request as the server saw it, for assertions (method, path and query, headers, body).</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A real HTTPS server (Kestrel, shared framework) on a loopback address, answering with a handler the test supplies.
/// Records every request. Port 0 picks a free port; binding 443 needs root (CI runs as root, inside a namespace).
/// </summary>
public sealed class HttpsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private readonly ConcurrentQueue<TimedRequest> _timings = new();

    /// <summary>Connections (one TLS handshake each) that carried at least one request.</summary>
    public int Connections => _connections.Count;

    /// <summary>When each request arrived and when its answer was written, in completion order.</summary>
    public IReadOnlyCollection<TimedRequest> Timings => _timings;

    public Uri BaseUri { get; }

    /// <summary>Drops what was recorded so far (a warm-up's requests and connection), so counts start from the tool's first.</summary>
    public void ForgetTraffic()
    {
        Requests.Clear();
        _connections.Clear();
        _timings.Clear();
    }

    private HttpsTestServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public static Task<HttpsTestServer> StartAsync(TestCertificates certs, Func<HttpContext, Task> handler, string address = "127.0.0.1", int port = 0) =>
        StartAsync(certs.Server, handler, address, port);

    public static async Task<HttpsTestServer> StartAsync(X509Certificate2 serverCertificate, Func<HttpContext, Task> handler, string address = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(address), port, o => o.UseHttps(serverCertificate)));
        var app = builder.Build();
        HttpsTestServer? server = null;
        app.Run(async context =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            var start = DateTimeOffset.UtcNow;
            server!._connections.TryAdd(context.Connection.Id, 0);
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            await handler(context);
            server._timings.Enqueue(new TimedRequest(context.Request.Method, context.Request.Path.Value ?? "/", start, DateTimeOffset.UtcNow, context.Request.QueryString.Value ?? ""));
        });
        await app.StartAsync();
        var bound = new Uri(app.Urls.First());
        server = new HttpsTestServer(app, new Uri($"https://{address}:{bound.Port}/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
