using System.Net;

namespace AcrNetCheck.Core.Collection.Probes.Dns;

/// <summary>
/// The DNS servers to ask directly: the ones the system uses (resolv.conf), or one the user names with --dns-server.
/// Never a public fallback: asking 8.8.8.8 instead of the client's own server would show another network's answer.
/// </summary>
public static class NameServers
{
    public const string DefaultResolvConf = "/etc/resolv.conf";

    /// <summary>The <c>nameserver</c> lines of a resolv.conf, in order (port 53).</summary>
    public static IReadOnlyList<IPEndPoint> FromResolvConf(string text) =>
        text.ReplaceLineEndings("\n").Split('\n')
            .Select(l => l.Split('#', ';')[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 2 && w[0] == "nameserver")
            .Select(w => IPAddress.TryParse(w[1].Split('%')[0], out var ip) ? new IPEndPoint(ip, 53) : null)
            .OfType<IPEndPoint>()
            .ToList();

    /// <summary>The system's servers: resolv.conf where it exists (Linux, macOS), else what the OS reports (Windows).</summary>
    public static IReadOnlyList<IPEndPoint> System(string resolvConfPath = DefaultResolvConf)
    {
        if (File.Exists(resolvConfPath)) return FromResolvConf(File.ReadAllText(resolvConfPath));
        return DnsClient.NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false)
            .Select(n => new IPEndPoint(IPAddress.Parse(n.Address), n.Port)).ToList();
    }

    /// <summary>Parses "10.0.0.4", "10.0.0.4:5353", "[fd00::4]:53" or "fd00::4"; null when it is none of those.</summary>
    public static IPEndPoint? ParseServer(string value)
    {
        // "[v6]:port" and "v4:port" carry a port; IPAddress.TryParse would silently drop it.
        var hasPort = value.StartsWith('[') || value.Count(c => c == ':') == 1;
        if (!hasPort) return IPAddress.TryParse(value, out var bare) ? new IPEndPoint(bare, 53) : null;
        return IPEndPoint.TryParse(value, out var endpoint) && endpoint.Port > 0 ? endpoint : null;
    }
}
