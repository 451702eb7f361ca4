using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

/// <summary>Readings of client probes that more than one client rule states the same way.</summary>
internal static class ClientFacts
{
    /// <summary>Endpoints that carry image layers: dedicated data endpoints, or the registry's storage without them.</summary>
    public static bool CarriesLayers(this EndpointProbe probe) =>
        probe.Purpose is EndpointPurpose.DataEndpoint or EndpointPurpose.Storage;

    /// <summary>The region a probed endpoint serves, from the probe, else from its data endpoint name.</summary>
    public static string? RegionOf(this EndpointProbe probe) =>
        probe.Region ?? RegistryEndpoints.RegionOfDataEndpoint(probe.Host);

    /// <summary>The address the TCP connection was tried on, else the first one the name resolved to.</summary>
    public static string? TcpAddress(this EndpointProbe probe) =>
        probe.Tcp?.Address ?? probe.ResolvedAddresses().FirstOrDefault();

    /// <summary>"TCP 443 to 20.1.2.3 (public) timed out after 21000 ms (Connection timed out)".</summary>
    public static string TcpFailureStatement(this EndpointProbe probe)
    {
        var tcp = probe.Tcp!;
        var target = probe.TcpAddress() is { } ip ? FindingText.Address(ip) : probe.Host;
        var outcome = tcp.Status switch
        {
            TcpStatus.Timeout => "timed out (packets dropped on the way: a firewall or NSG deny, or no route)",
            TcpStatus.Refused => "was refused (a reset came back: something on the path rejects the connection)",
            TcpStatus.Unreachable => "failed as unreachable (no route to the address)",
            _ => "failed",
        };
        var elapsed = tcp.ElapsedMs is { } ms ? $" after {ms:0} ms" : "";
        var error = tcp.Error is { Length: > 0 } e ? $" ({e})" : "";
        return $"TCP {tcp.Port} to {target} {outcome}{elapsed}{error}";
    }

    public static EvidenceRef TcpStatusEvidence(this EndpointProbe probe) =>
        new(probe.Host, $"probes.endpoints[host={probe.Host}].tcp.status", probe.Tcp?.Status, TcpStatus.Connected);

    /// <summary>What to open for one blocked endpoint, and how to check it from the same client.</summary>
    public static IReadOnlyList<string> OpenPortFix(this EndpointProbe probe)
    {
        var port = probe.Tcp?.Port ?? 443;
        var address = probe.TcpAddress() is { } ip ? $" ({ip})" : "";
        return
        [
            $"Allow outbound TCP {port} to {probe.Host}{address} in the client's firewall, NSG or route table",
            $"Check from the client: curl -sv --connect-timeout 10 https://{probe.Host}/ -o /dev/null",
        ];
    }
}
