using System.Net;
using System.Net.Sockets;

namespace AcrNetCheck.Testing;

/// <summary>
/// A proxy that reads the CONNECT request and hangs up without answering: what a client sees as
/// "proxyconnect tcp: EOF" (a proxy dropping tunnels it does not like, or a TLS-only port spoken to in clear).
/// </summary>
public static class ClosingProxy
{
    public static async Task RunAsync(IPEndPoint listen, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(listen);
        listener.Start();
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    var head = "";
                    while (!head.Contains("\r\n\r\n") && await stream.ReadAsync(buffer, cancellationToken) is var n and > 0)
                        head += System.Text.Encoding.ASCII.GetString(buffer, 0, n);
                }
            }, cancellationToken);
        }
    }
}
