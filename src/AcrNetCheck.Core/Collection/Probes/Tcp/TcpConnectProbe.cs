using System.Net;
using System.Net.Sockets;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Tcp;

/// <summary>
/// A direct TCP connect to port 443 of the address the system resolver gave: how long it took, or how it failed
/// (refused: a reset came back; unreachable: no route; timeout: nothing came back, the mark of a dropping firewall).
/// </summary>
internal static class TcpConnectProbe
{
    public static async Task<TcpProbe> ConnectAsync(IPAddress address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var clock = new ProbeClock(timeout, cancellationToken);
        var probe = new TcpProbe { Address = address.ToString(), Port = port };
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), clock.Token);
            probe.Status = TcpStatus.Connected;
        }
        catch (OperationCanceledException) when (clock.Expired)
        {
            (probe.Status, probe.Error) = (TcpStatus.Timeout, $"connect timed out after {clock.Timeout.TotalMilliseconds:0} ms");
        }
        catch (SocketException e)
        {
            probe.Status = Classify(e.SocketErrorCode);
            probe.Error = e.Message;
        }
        probe.ElapsedMs = clock.ElapsedMs;
        return probe;
    }

    public static string Classify(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => TcpStatus.Refused,
        SocketError.TimedOut => TcpStatus.Timeout,
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown => TcpStatus.Unreachable,
        _ => TcpStatus.Error,
    };

    /// <summary>The address a client would try first: IPv4 before IPv6, as most resolvers order them for a v4-only host.</summary>
    public static IPAddress? FirstAddress(IEnumerable<string> addresses) =>
        addresses.Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>()
            .OrderBy(ip => ip.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
}
