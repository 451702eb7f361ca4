using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Https;

/// <summary>
/// Why no HTTP answer came back, in the words of <see cref="HttpErrorKind"/>. What .NET reports (measured against
/// tinyproxy and a proxy that hangs up): a refused CONNECT is ProxyTunnelError with the proxy's status, a proxy that
/// closes after reading CONNECT is ResponseEnded, a proxy port that is closed is ConnectionError.
/// </summary>
internal static class HttpFailure
{
    public static void Record(HttpProbe probe, HttpRequestException e, bool viaProxy)
    {
        probe.Error = Message(e);
        switch (e.HttpRequestError)
        {
            case HttpRequestError.ProxyTunnelError when e.StatusCode == HttpStatusCode.ProxyAuthenticationRequired:
                probe.ErrorKind = HttpErrorKind.ProxyAuthRequired;
                probe.ProxyStatusCode = 407;
                break;
            case HttpRequestError.ProxyTunnelError when e.StatusCode is { } status:
                probe.ErrorKind = HttpErrorKind.ProxyConnectRefused;
                probe.ProxyStatusCode = (int)status;
                break;
            case HttpRequestError.ProxyTunnelError or HttpRequestError.ResponseEnded when viaProxy:
                probe.ErrorKind = HttpErrorKind.ProxyClosed;
                break;
            case HttpRequestError.ConnectionError when viaProxy:
                probe.ErrorKind = HttpErrorKind.ProxyUnreachable;
                break;
            case HttpRequestError.SecureConnectionError:
                probe.ErrorKind = HttpErrorKind.Tls;
                break;
            default:
                probe.ErrorKind = HttpErrorKind.Connection;
                break;
        }
    }

    /// <summary>
    /// The innermost cause ("Connection refused", "The response ended prematurely"): HttpClient's own message is the
    /// same "An error occurred while sending the request." for every failure.
    /// </summary>
    private static string Message(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null) inner = inner.InnerException;
        return inner is SocketException socket ? $"{socket.Message} ({socket.SocketErrorCode})" : inner.Message;
    }
}
