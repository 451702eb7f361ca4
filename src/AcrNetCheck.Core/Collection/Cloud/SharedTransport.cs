using System.Net;
using Azure.Core.Pipeline;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// The one HTTP handler of a run's Azure calls (ARM reads, Resource Graph, Log
/// Analytics), offering HTTP/2. Over HTTP/1.1 every request in flight needs its own connection, so the read graph's bursts
/// opened a TLS connection per concurrent read (8 for 14 ARM requests); over HTTP/2 each host gets one connection that
/// every read multiplexes on. Servers that do not offer h2 in ALPN get HTTP/1.1 as before.
/// </summary>
internal static class SharedTransport
{
    public static HttpPipelineTransport Create() => new HttpClientTransport(new PreferHttp2Handler(new SocketsHttpHandler
    {
        // As Azure.Core's default handler: its RedirectPolicy decides about redirects (never with the token to another host), no cookies.
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    }));

    /// <summary>Azure.Core builds each HttpRequestMessage itself, at HTTP/1.1; this asks for HTTP/2 and accepts less.</summary>
    private sealed class PreferHttp2Handler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            return base.SendAsync(request, cancellationToken);
        }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            return base.Send(request, cancellationToken);
        }
    }
}
