using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>The client's own network path: its subnet as the vantage, its NIC, VNet peerings and NSG rule details.</summary>
public sealed partial class EvidenceBuilder
{
    /// <summary>
    /// The client sits in <paramref name="subnet"/> of <paramref name="vnet"/> (both read), judged from ARM configuration.
    /// </summary>
    public EvidenceBuilder ClientSubnet(string vnet = "vnet-app", string subnet = "snet-client", string prefix = "10.2.0.0/24",
        string vnetPrefix = "10.2.0.0/16", string? nsgId = null, string? routeTableId = null, string[]? serviceEndpoints = null,
        string subscription = Subscription)
    {
        VirtualNetwork(vnet, vnetPrefix, subscription: subscription);
        Subnet(vnet, subnet, prefix, serviceEndpoints, nsgId, routeTableId, subscription: subscription);
        return Vantage(VantageKind.Subnet, subnetId: SubnetId(vnet, subnet, subscription));
    }

    /// <summary>The client's NIC, with its own NSG when given, named as the vantage's network interface.</summary>
    public EvidenceBuilder ClientNic(string name, string subnetId, string ip, string? nsgId = null)
    {
        var id = $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/networkInterfaces/{name}";
        var props = new JObject
        {
            ["ipConfigurations"] = new JArray(new JObject
            {
                ["name"] = "ipconfig1", ["id"] = $"{id}/ipConfigurations/ipconfig1",
                ["properties"] = new JObject { ["privateIPAddress"] = ip, ["privateIPAllocationMethod"] = "Dynamic", ["subnet"] = new JObject { ["id"] = subnetId }, ["primary"] = true },
            }),
        };
        if (nsgId is not null) props["networkSecurityGroup"] = new JObject { ["id"] = nsgId };
        Resource(new JObject { ["name"] = name, ["id"] = id, ["type"] = "Microsoft.Network/networkInterfaces", ["location"] = Location, ["properties"] = props });
        _bundle.Vantage!.NetworkInterfaceId = id;
        return this;
    }

    /// <summary>A peering from <paramref name="vnet"/> to <paramref name="remoteVnet"/>, with the remote address space as ARM reports it.</summary>
    public EvidenceBuilder Peering(string vnet, string remoteVnet, string remotePrefix, string subscription = Subscription)
    {
        var peerings = (JArray)Arm.Resources[VnetId(vnet, subscription)].SelectToken("properties.virtualNetworkPeerings")!;
        peerings.Add(JObject.FromObject(new
        {
            name = $"{vnet}-to-{remoteVnet}",
            id = $"{VnetId(vnet, subscription)}/virtualNetworkPeerings/{vnet}-to-{remoteVnet}",
            properties = new
            {
                peeringState = "Connected", allowVirtualNetworkAccess = true, allowForwardedTraffic = false,
                remoteVirtualNetwork = new { id = VnetId(remoteVnet) },
                remoteAddressSpace = new { addressPrefixes = new[] { remotePrefix } },
            },
        }));
        return this;
    }

    /// <summary>Changes the properties of a custom rule of an NSG added with <see cref="Nsg"/> (e.g. to give it an application security group).</summary>
    public EvidenceBuilder WithNsgRule(string nsg, string rule, Action<JObject> changeProperties)
    {
        var rules = (JArray)Arm.Resources[NsgId(nsg)].SelectToken("properties.securityRules")!;
        changeProperties((JObject)rules.OfType<JObject>().Single(r => r.Value<string>("name") == rule)["properties"]!);
        return this;
    }

    /// <summary>Sets a property of a subnet added with <see cref="Subnet"/> (e.g. privateEndpointNetworkPolicies).</summary>
    public EvidenceBuilder SubnetProperty(string vnet, string subnet, string property, JToken value)
    {
        Arm.Resources[SubnetId(vnet, subnet)]["properties"]![property] = value;
        return this;
    }
}
