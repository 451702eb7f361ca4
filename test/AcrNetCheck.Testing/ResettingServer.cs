using System.Net;
using System.Net.Sockets;

namespace AcrNetCheck.Testing;

/// <summary>
/// A loopback port that accepts every connection and resets it at once (RST, no TLS handshake): a middlebox that kills
/// connections, as "connection reset by peer" reaches a client.
/// </summary>
public sealed class ResettingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ResettingServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri BaseUri => new($"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Connections;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                Interlocked.Increment(ref Connections);
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
