using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>Microsoft.Network/privateEndpoints.</summary>
public sealed class PrivateEndpointView(JObject document) : ArmView(document)
{
    public string? SubnetId => RefId("subnet");
    public IReadOnlyList<string> NetworkInterfaceIds => PropArray("networkInterfaces").Select(n => Str(n, "id")).OfType<string>().ToList();

    /// <summary>FQDN → private IPs the endpoint publishes (empty while a manual connection is pending).</summary>
    public IReadOnlyList<FqdnAddresses> CustomDnsConfigs =>
        PropArray("customDnsConfigs").Select(c => new FqdnAddresses(Str(c, "fqdn") ?? "", (c["ipAddresses"] as JArray)?.Select(i => i.ToString()).ToList() ?? [])).ToList();

    /// <summary>Both auto-approved and manual connections: ACR endpoints use group id <c>registry</c>.</summary>
    public IReadOnlyList<(string? TargetId, IReadOnlyList<string> GroupIds, string Status)> Connections =>
        PropArray("privateLinkServiceConnections").Concat(PropArray("manualPrivateLinkServiceConnections"))
            .Select(c => (Str(c, "properties.privateLinkServiceId"),
                          (IReadOnlyList<string>)((c.SelectToken("properties.groupIds") as JArray)?.Select(g => g.ToString()).ToList() ?? []),
                          Str(c, "properties.privateLinkServiceConnectionState.status") ?? "Unknown"))
            .ToList();
}

public sealed record FqdnAddresses(string Fqdn, IReadOnlyList<string> IpAddresses);

/// <summary>Microsoft.Network/networkInterfaces.</summary>
internal sealed class NetworkInterfaceView(JObject document) : ArmView(document)
{
    public string? NetworkSecurityGroupId => RefId("networkSecurityGroup");

    public IReadOnlyList<NicIpConfiguration> IpConfigurations => PropArray("ipConfigurations").Select(c => new NicIpConfiguration(
        Str(c, "name") ?? "",
        StripPrefixLength(Str(c, "properties.privateIPAddress")),
        Str(c, "properties.subnet.id"),
        (c.SelectToken("properties.privateLinkConnectionProperties.fqdns") as JArray)?.Select(f => f.ToString()).ToList() ?? [])).ToList();

    // A NIC ip configuration may carry a prefix ("172.20.2.16/28" in the official example).
    private static string? StripPrefixLength(string? address) => address?.Split('/')[0];
}

internal sealed record NicIpConfiguration(string Name, string? PrivateIpAddress, string? SubnetId, IReadOnlyList<string> Fqdns);

/// <summary>Microsoft.Network/virtualNetworks/subnets.</summary>
public sealed class SubnetView(JObject document) : ArmView(document)
{
    public string VirtualNetworkId => new ResourceId(Id).Parent ?? "";
    public IReadOnlyList<string> AddressPrefixes
    {
        get
        {
            var many = PropStrings("addressPrefixes");
            return many.Count > 0 ? many : Prop("addressPrefix") is { } one ? [one] : [];
        }
    }
    public string? NetworkSecurityGroupId => RefId("networkSecurityGroup");
    public string? RouteTableId => RefId("routeTable");
    public IReadOnlyList<string> ServiceEndpoints => PropArray("serviceEndpoints").Select(s => Str(s, "service")).OfType<string>().ToList();
    /// <summary>Disabled, Enabled, NetworkSecurityGroupEnabled or RouteTableEnabled: whether NSGs and UDRs apply to private endpoints here.</summary>
    public string? PrivateEndpointNetworkPolicies => Prop("privateEndpointNetworkPolicies");
    public bool RouteTablesApplyToPrivateEndpoints => PrivateEndpointNetworkPolicies is { } p &&
        (p.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || p.Equals("RouteTableEnabled", StringComparison.OrdinalIgnoreCase));
    public bool HasContainerRegistryServiceEndpoint => ServiceEndpoints.Any(s => s.Equals("Microsoft.ContainerRegistry", StringComparison.OrdinalIgnoreCase));
    /// <summary>Addresses in use: each ip configuration (NICs, private endpoints, load balancers) takes one.</summary>
    public int? UsedAddressCount => Properties?["ipConfigurations"] is JArray a ? a.Count : null;
}

/// <summary>Microsoft.Network/virtualNetworks.</summary>
internal sealed class VirtualNetworkView(JObject document) : ArmView(document)
{
    public IReadOnlyList<string> AddressPrefixes => PropStrings("addressSpace.addressPrefixes");
    /// <summary>The ids of the VNet's subnets, as the VNet document embeds them.</summary>
    public IReadOnlyList<string> SubnetIds => PropArray("subnets").Select(s => Str(s, "id")).OfType<string>().ToList();
    /// <summary>Custom DNS servers; empty means Azure-provided DNS (168.63.129.16).</summary>
    public IReadOnlyList<string> DnsServers => PropStrings("dhcpOptions.dnsServers");
    /// <summary>Address prefixes of peered networks as the peerings record them (remote address space, current or as peered).</summary>
    public IReadOnlyList<string> PeeredAddressPrefixes => Peerings.SelectMany(p => p.AddressPrefixes).ToList();
    public IReadOnlyList<string> PeeredVirtualNetworkIds => Peerings.Select(p => p.RemoteVirtualNetworkId).OfType<string>().ToList();
    /// <summary>Each peering's remote VNet with the address prefixes the peering records for it.</summary>
    public IReadOnlyList<(string? RemoteVirtualNetworkId, IReadOnlyList<string> AddressPrefixes)> Peerings => PropArray("virtualNetworkPeerings")
        .Select(p => (Str(p, "properties.remoteVirtualNetwork.id"), (IReadOnlyList<string>)new[] { "properties.remoteAddressSpace.addressPrefixes", "properties.remoteVirtualNetworkAddressSpace.addressPrefixes" }
            .SelectMany(path => p.SelectToken(path) is JArray a ? a.Select(t => t.ToString()) : []).ToList()))
        .ToList();
}

/// <summary>Microsoft.Network/networkSecurityGroups.</summary>
internal sealed class NetworkSecurityGroupView(JObject document) : ArmView(document)
{
    public IReadOnlyList<SecurityRule> SecurityRules => PropArray("securityRules").Select(r => SecurityRule.From(r, isDefault: false)).ToList();
    public IReadOnlyList<SecurityRule> DefaultSecurityRules => PropArray("defaultSecurityRules").Select(r => SecurityRule.From(r, isDefault: true)).ToList();
}

internal sealed record SecurityRule(
    string Name, int Priority, string Direction, string Access, string Protocol,
    IReadOnlyList<string> SourceAddressPrefixes, IReadOnlyList<string> DestinationAddressPrefixes,
    IReadOnlyList<string> DestinationPortRanges, bool IsDefault, bool UsesApplicationSecurityGroups)
{
    public static SecurityRule From(JObject r, bool isDefault) => new(
        ArmView.Str(r, "name") ?? "",
        int.TryParse(ArmView.Str(r, "properties.priority"), out var p) ? p : int.MaxValue,
        ArmView.Str(r, "properties.direction") ?? "",
        ArmView.Str(r, "properties.access") ?? "",
        ArmView.Str(r, "properties.protocol") ?? "*",
        OneOrMany(r, "sourceAddressPrefix", "sourceAddressPrefixes"),
        OneOrMany(r, "destinationAddressPrefix", "destinationAddressPrefixes"),
        OneOrMany(r, "destinationPortRange", "destinationPortRanges"),
        isDefault,
        r.SelectToken("properties.sourceApplicationSecurityGroups") is JArray { Count: > 0 } ||
        r.SelectToken("properties.destinationApplicationSecurityGroups") is JArray { Count: > 0 });

    // ARM returns either the singular property or the plural array, never both meaningfully.
    private static IReadOnlyList<string> OneOrMany(JObject r, string single, string plural)
    {
        var many = (r.SelectToken("properties." + plural) as JArray)?.Select(t => t.ToString()).Where(s => s.Length > 0).ToList() ?? [];
        if (many.Count > 0) return many;
        return ArmView.Str(r, "properties." + single) is { Length: > 0 } one ? [one] : [];
    }
}

/// <summary>Microsoft.Network/routeTables.</summary>
internal sealed class RouteTableView(JObject document) : ArmView(document)
{
    public IReadOnlyList<Route> Routes => PropArray("routes").Select(r => new Route(
        Str(r, "name") ?? "", Str(r, "properties.addressPrefix") ?? "", Str(r, "properties.nextHopType") ?? "", Str(r, "properties.nextHopIpAddress"))).ToList();
}

internal sealed record Route(string Name, string AddressPrefix, string NextHopType, string? NextHopIpAddress);
