using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Https;

/// <summary>What one HTTPS exchange showed: the TLS handshake (null when it never happened) and the HTTP outcome.</summary>
internal sealed record HttpsResult(TlsProbe? Tls, HttpProbe Http);

/// <summary>
/// An anonymous GET over HTTPS the way a client on this machine makes it: through the proxy the shell configures (or
/// direct when NO_PROXY bypasses it), with the platform's trust store, recording the certificate whatever its trust.
/// </summary>
internal static class HttpsProbe
{
    public static async Task<HttpsResult> GetAsync(Uri url, ProxyAddress? proxy, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var clock = new ProbeClock(timeout, cancellationToken);
        var tls = new TlsRecorder();
        var http = new HttpProbe { Url = url.ToString(), Proxy = proxy?.ToString() };
        using var handler = new SocketsHttpHandler
        {
            UseProxy = proxy is not null,
            Proxy = proxy?.ToWebProxy(),
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = tls.Validate,
                // Build the chain from what the server sent and the local store only, like docker does: fetching missing
                // intermediates (AIA) or revocation lists would reach out to other hosts and hide a partial chain.
                CertificateChainPolicy = new X509ChainPolicy { DisableCertificateDownloads = true, RevocationMode = X509RevocationMode.NoCheck },
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, clock.Token);
            http.StatusCode = (int)response.StatusCode;
            foreach (var name in RegistryAnswer.RecordedHeaders)
                if (response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values))
                    http.Headers[name] = string.Join(", ", values);
            var body = await ReadStartAsync(response, clock.Token);
            http.BodySnippet = RegistryAnswer.Snippet(body);
            http.DeniedClientIp = RegistryAnswer.DeniedClientIp(body);
        }
        catch (OperationCanceledException) when (clock.Expired)
        {
            (http.ErrorKind, http.Error) = (HttpErrorKind.Timeout, $"no answer within {clock.Timeout.TotalMilliseconds:0} ms" + (proxy is null ? "" : $" through the proxy {proxy}"));
        }
        catch (HttpRequestException e)
        {
            HttpFailure.Record(http, e, viaProxy: proxy is not null);
        }
        http.ElapsedMs = clock.ElapsedMs;
        return new HttpsResult(tls.Seen, http);
    }

    /// <summary>The first few KB of the body: enough for ACR's error JSON, never a whole page.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}
