using System.Globalization;
using System.Text;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Remote;

/// <summary>
/// The small POSIX shell script <c>--remote-probe</c> runs on the client machine (a VM through Run Command, an AKS cluster
/// through its runCommand), and the reading of its output into the probe evidence format. For each endpoint it resolves the
/// name with the machine's own resolver (<c>getent ahostsv4</c>), then fetches <c>https://&lt;host&gt;/v2/</c> with curl (connect,
/// TLS, HTTP) without any credential: the registry answers 401 to an anonymous /v2/, which proves the path. It prints one
/// line per endpoint, <c>acr-netcheck|host|dns|addresses|curl-exit|http-code|remote-ip</c>, and nothing the tool trusts
/// beyond those lines. Host names are the only input; each is checked against the DNS name alphabet before it is written
/// into the script, so nothing else can be.
/// </summary>
internal static class RemoteProbeScript
{
    public const string LinePrefix = "acr-netcheck|";

    public static string For(IReadOnlyList<string> hosts)
    {
        foreach (var host in hosts)
            if (host.Length == 0 || host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
                throw new ArgumentException($"'{host}' is not a DNS name; it is not written into the remote script.", nameof(hosts));
        var script = new StringBuilder();
        script.AppendLine("#!/bin/sh");
        script.AppendLine("# acr-netcheck --remote-probe: resolve each registry endpoint, connect on 443 and fetch /v2/ anonymously.");
        script.AppendLine("probe() {");
        script.AppendLine("  addrs=$(getent ahostsv4 \"$1\" 2>/dev/null | awk '{print $1}' | sort -u | tr '\\n' ',' | sed 's/,$//')");
        script.AppendLine("  if [ -z \"$addrs\" ]; then echo \"acr-netcheck|$1|nxdomain||||\"; return; fi");
        script.AppendLine("  if ! command -v curl >/dev/null 2>&1; then echo \"acr-netcheck|$1|resolved|$addrs|no-curl||\"; return; fi");
        script.AppendLine("  out=$(curl -s -o /dev/null --max-time 10 -w '%{http_code}|%{remote_ip}' \"https://$1/v2/\"); code=$?");
        script.AppendLine("  echo \"acr-netcheck|$1|resolved|$addrs|$code|$out\"");
        script.AppendLine("}");
        foreach (var host in hosts) script.AppendLine($"probe {host}");
        return script.ToString();
    }

    /// <summary>The probe evidence the script's output stands for; endpoints it printed no line for are left out.</summary>
    public static List<EndpointProbe> Parse(string output, IReadOnlyList<RegistryEndpoint> endpoints)
    {
        var probes = new List<EndpointProbe>();
        foreach (var line in output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(LinePrefix, StringComparison.Ordinal)))
        {
            var f = line.Split('|');
            if (f.Length < 7 || endpoints.FirstOrDefault(e => e.Host.Equals(f[1], StringComparison.OrdinalIgnoreCase)) is not { } endpoint) continue;
            var probe = new EndpointProbe { Host = endpoint.Host, Purpose = endpoint.Purpose, Region = endpoint.Region };
            var addresses = f[3].Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
            probe.Dns.Add(new DnsLookup { Source = "system", Status = f[2] == "resolved" ? DnsStatus.Resolved : DnsStatus.NxDomain, Addresses = addresses });
            if (f[2] == "resolved" && f[4] != "no-curl") Connection(probe, int.TryParse(f[4], out var exit) ? exit : -1, f[5], f[6], addresses);
            probes.Add(probe);
        }
        return probes;
    }

    /// <summary>curl's exit code and status as the TCP, TLS and HTTP probes (https://curl.se/libcurl/c/libcurl-errors.html).</summary>
    private static void Connection(EndpointProbe probe, int exit, string code, string remoteIp, IReadOnlyList<string> addresses)
    {
        var address = remoteIp.Length > 0 ? remoteIp : addresses.FirstOrDefault();
        var url = $"https://{probe.Host}/v2/";
        switch (exit)
        {
            case 0:
                probe.Tcp = new TcpProbe { Status = TcpStatus.Connected, Address = address };
                probe.Tls = new TlsProbe { Status = "ok" };
                probe.Http = new HttpProbe { Url = url, StatusCode = int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status : null };
                break;
            case 7:
                probe.Tcp = new TcpProbe { Status = TcpStatus.Refused, Address = address, Error = "curl: could not connect (exit 7)" };
                break;
            case 28:
                probe.Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = address, Error = "curl: timed out (exit 28)" };
                break;
            case 35 or 51 or 58 or 60:
                probe.Tcp = new TcpProbe { Status = TcpStatus.Connected, Address = address };
                probe.Tls = new TlsProbe { Status = "failed", Error = $"curl: TLS handshake or certificate verification failed (exit {exit})" };
                break;
            default:
                probe.Tcp = new TcpProbe { Status = TcpStatus.Error, Address = address, Error = $"curl exit {exit}" };
                break;
        }
    }
}
