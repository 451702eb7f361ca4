namespace AcrNetCheck.Core.Collection.Http;

/// <summary>
/// A request that got no answer at all: refused, reset, or a failed TLS handshake. The SDK wraps most as a status-0
/// <see cref="Azure.RequestFailedException"/>, its retry policy as an <see cref="AggregateException"/> of those, but over the
/// shared HTTP/2 connection a reset can also surface as the transport's own exception.
/// </summary>
internal static class ConnectionFailures
{
    public static bool Is(Exception ex) => ex switch
    {
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(Is),
        Azure.RequestFailedException { Status: 0 } or System.Net.Http.HttpRequestException or System.Net.Sockets.SocketException
            or IOException or System.Security.Authentication.AuthenticationException => true,
        _ => false,
    };
}
