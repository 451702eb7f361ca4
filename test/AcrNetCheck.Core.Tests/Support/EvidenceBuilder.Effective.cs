using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>What Azure applies to the client NIC (--from &lt;vm | nic&gt;): its effective routes and effective security rules.</summary>
public sealed partial class EvidenceBuilder
{
    public static string NicId(string name) => $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/networkInterfaces/{name}";

    /// <summary>
    /// The NIC's effective routes, shaped as <c>az network nic show-effective-route-table</c> prints ARM's answer: <c>source</c>, <c>state</c>,
    /// <c>addressPrefix[]</c>, <c>nextHopType</c>, <c>nextHopIpAddress[]</c>.
    /// </summary>
    public EvidenceBuilder EffectiveRoutes(string nic, params (string Source, string Prefix, string NextHopType, string? NextHopIp)[] routes) =>
        EffectiveRoutes(nic, routes.Select(r => (r.Source, r.Prefix, r.NextHopType, r.NextHopIp, "Active")).ToArray());

    public EvidenceBuilder EffectiveRoutes(string nic, params (string Source, string Prefix, string NextHopType, string? NextHopIp, string State)[] routes)
    {
        Arm.Resources[ArmPaths.EffectiveRouteTable(NicId(nic))] = new JObject
        {
            ["value"] = new JArray(routes.Select(r => new JObject
            {
                ["name"] = null, ["source"] = r.Source, ["state"] = r.State, ["addressPrefix"] = new JArray(r.Prefix),
                ["nextHopType"] = r.NextHopType, ["nextHopIpAddress"] = r.NextHopIp is null ? new JArray() : new JArray(r.NextHopIp),
                ["disableBgpRoutePropagation"] = false, ["hasBgpOverride"] = false, ["destinationServiceTags"] = new JArray(), ["tagMap"] = new JObject(),
            })),
        };
        return this;
    }

    /// <summary>
    /// The NIC's effective security rules: one group for NSG <paramref name="nsg"/> associated with the NIC (or, when
    /// <paramref name="subnetId"/> is given, with that subnet), its custom outbound rules and the outbound defaults, shaped as
    /// NetworkInterfaces_ListEffectiveNetworkSecurityGroups.json (names "securityRules/…", port ranges "443-443", tags expanded).
    /// </summary>
    public EvidenceBuilder EffectiveNsg(string nic, string nsg, string? subnetId = null, params NsgRule[] rules)
    {
        var path = ArmPaths.EffectiveNetworkSecurityGroups(NicId(nic));
        var groups = Arm.Resources.TryGetValue(path, out var existing) ? (JArray)existing["value"]! : new JArray();
        JObject Rule(NsgRule r, string collection) => new()
        {
            ["name"] = $"{collection}/{r.Name}", ["protocol"] = r.Protocol == "*" ? "All" : r.Protocol, ["sourcePortRange"] = "0-65535",
            ["destinationPortRange"] = r.Port == "*" ? "0-65535" : r.Port.Contains('-') ? r.Port : $"{r.Port}-{r.Port}",
            ["sourceAddressPrefix"] = r.Source == "*" ? "0.0.0.0/0" : r.Source, ["destinationAddressPrefix"] = r.Destination == "*" ? "0.0.0.0/0" : r.Destination,
            ["access"] = r.Access, ["priority"] = r.Priority, ["direction"] = r.Direction,
        };
        var defaults = new[]
        {
            Rule(new NsgRule("AllowVnetOutBound", 65000, "Allow", "VirtualNetwork", "VirtualNetwork", "*", "*"), "defaultSecurityRules"),
            Rule(new NsgRule("AllowInternetOutBound", 65001, "Allow", "Internet", "*", "*", "*"), "defaultSecurityRules"),
            Rule(new NsgRule("DenyAllOutBound", 65500, "Deny", "*", "*", "*", "*"), "defaultSecurityRules"),
        };
        defaults[1]["expandedDestinationAddressPrefix"] = new JArray("32.0.0.0/3", "4.0.0.0/6", "2.0.0.0/7", "1.0.0.0/8", "20.0.0.0/8");
        groups.Add(new JObject
        {
            ["networkSecurityGroup"] = new JObject { ["id"] = NsgId(nsg) },
            ["association"] = subnetId is null ? new JObject { ["networkInterface"] = new JObject { ["id"] = NicId(nic) } } : new JObject { ["subnet"] = new JObject { ["id"] = subnetId } },
            ["effectiveSecurityRules"] = new JArray(rules.Select(r => Rule(r, "securityRules")).Concat(defaults)),
        });
        Arm.Resources[path] = new JObject { ["value"] = groups };
        return this;
    }
}
