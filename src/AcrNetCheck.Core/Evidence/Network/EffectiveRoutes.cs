using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>One route Azure applies to a NIC: where it came from (<c>Default</c>, <c>User</c>, <c>VirtualNetworkGateway</c>) and one of its prefixes.</summary>
internal sealed record EffectiveRoute(string Source, string AddressPrefix, string NextHopType, string? NextHopIpAddress, string? Name, int Index)
{
    public Route AsRoute => new(Label, AddressPrefix, NextHopType, NextHopIpAddress);

    /// <summary>"route 'to-fw' (User)", "a route learned from the virtual network gateway".</summary>
    public string Label => Source.Equals("VirtualNetworkGateway", StringComparison.OrdinalIgnoreCase)
        ? "a route learned from the virtual network gateway (BGP)"
        : Name is { Length: > 0 } ? $"route '{Name}' ({Source})" : $"a {Source.ToLowerInvariant()} route";

    public bool IsLearnedFromGateway => Source.Equals("VirtualNetworkGateway", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The effective route table of a NIC (<c>POST …/effectiveRouteTable</c>) as ARM returned it: <c>value[]</c> of routes with
/// <c>source</c>, <c>state</c>, <c>addressPrefix[]</c>, <c>nextHopType</c> and <c>nextHopIpAddress[]</c>. Only <c>Active</c> routes carry
/// traffic; an <c>Invalid</c> one was overridden. Which one carries an address is longest-prefix match over the active ones
/// (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#how-azure-selects-a-route).
/// </summary>
internal sealed class EffectiveRouteTable(string path, JObject document)
{
    public string Path { get; } = path;

    public IReadOnlyList<EffectiveRoute> ActiveRoutes { get; } = (document["value"] as JArray ?? []).OfType<JObject>()
        .Select((route, index) => (route, index))
        .Where(r => string.Equals(ArmView.Str(r.route, "state"), "Active", StringComparison.OrdinalIgnoreCase))
        .SelectMany(r => Strings(r.route["addressPrefix"]).Select(prefix => new EffectiveRoute(
            ArmView.Str(r.route, "source") ?? "Unknown", prefix, ArmView.Str(r.route, "nextHopType") ?? "",
            Strings(r.route["nextHopIpAddress"]).FirstOrDefault(), ArmView.Str(r.route, "name"), r.index)))
        .ToList();

    public static EffectiveRouteTable? Of(EvidenceView evidence, string nicId) =>
        evidence.RawResource(ArmPaths.EffectiveRouteTable(nicId)) is { } document ? new(ArmPaths.EffectiveRouteTable(nicId), document) : null;

    /// <summary>The active route that wins for <paramref name="address"/>, or null when none covers it (Azure drops the traffic).</summary>
    public EffectiveRoute? For(string address) =>
        ActiveRoutes.Select(r => (Route: r, Prefix: IpPrefix.TryParse(r.AddressPrefix, out var p) ? p : (IpPrefix?)null))
            .Where(x => x.Prefix is { } p && p.Contains(address))
            .OrderByDescending(x => x.Prefix!.Value.Length)
            .Select(x => x.Route).FirstOrDefault();

    private static IEnumerable<string> Strings(JToken? token) => token switch
    {
        JArray array => array.Select(t => t.Type == JTokenType.String ? (string?)t : null).OfType<string>().Where(s => s.Length > 0),
        JValue { Type: JTokenType.String } value when ((string?)value) is { Length: > 0 } one => [one],
        _ => [],
    };
}
