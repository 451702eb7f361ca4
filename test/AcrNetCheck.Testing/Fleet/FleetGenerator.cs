using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Testing.Fleet;

/// <summary>
/// Generates a fleet of registries with a known mix of faults (<see cref="FleetFault"/>, registry i has fault i mod 8),
/// spread over subscriptions, in real ARM shapes (modelled on test/fixtures/reference/arm-examples): registries, replications,
/// tasks, private endpoints with NICs in subnets of a hub VNet (linked to the subscription's privatelink.azurecr.io zone)
/// or of a spoke VNet (not linked), A records, an NSG, zone groups and diagnostic settings. Deterministic for a given size.
/// </summary>
public static class FleetGenerator
{
    public const string Region = "eastus";
    public const string ReplicaRegion = "westeurope";
    private const int EndpointsPerSubnet = 200;

    public static GeneratedFleet Generate(int registries, int? subscriptions = null)
    {
        var fleet = new GeneratedFleet();
        var subscriptionCount = subscriptions ?? Math.Max(2, (registries + 249) / 250);
        var networks = new Dictionary<string, Network>(StringComparer.OrdinalIgnoreCase);
        for (var s = 0; s < subscriptionCount; s++) fleet.Subscriptions.Add($"0f1e2d3c-4b5a-4978-8a6b-{s:D12}");

        for (var i = 0; i < registries; i++)
        {
            var subscription = fleet.Subscriptions[i % subscriptionCount];
            var fault = (FleetFault)(i % 8);
            var name = $"acr{i:D5}";
            var id = $"/subscriptions/{subscription}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/{name}";
            fleet.Registries.Add(new GeneratedRegistry(id, name, subscription, fault));
            AddRegistry(fleet, networks, subscription, i % subscriptionCount, id, name, fault);
        }
        foreach (var (subscription, index) in fleet.Subscriptions.Select((s, i) => (s, i))) AddSubscriptionNetwork(fleet, networks, subscription, index);
        return fleet;
    }

    private static void AddRegistry(GeneratedFleet fleet, Dictionary<string, Network> networks, string subscription, int subscriptionIndex, string id, string name, FleetFault fault)
    {
        var replicated = fault == FleetFault.RecordMissing;
        var regions = replicated ? new[] { Region, ReplicaRegion } : [Region];
        var restricted = fault is FleetFault.PublicAccessDisabledWithoutEndpoint or FleetFault.ZoneNotLinked;
        var approved = fault is FleetFault.ZoneNotLinked or FleetFault.RecordMissing;
        var connections = new JArray();
        if (fault.HasPrivateEndpoint())
        {
            var vnet = Vnet(networks, subscription, subscriptionIndex, spoke: fault == FleetFault.ZoneNotLinked);
            connections.Add(AddPrivateEndpoint(fleet, vnet, id, name, regions, approved,
                skipRecord: fault == FleetFault.RecordMissing ? $"{name}.{ReplicaRegion}.data" : null));
        }

        fleet.AddRow(FleetQueries.RegistriesName, JObject.FromObject(new
        {
            id, name, type = "microsoft.containerregistry/registries", location = Region, resourceGroup = "rg-acr", subscriptionId = subscription,
            sku = new { name = "Premium", tier = "Premium" }, tags = new { fault = fault.ToString() },
            properties = new
            {
                loginServer = $"{name}.azurecr.io", provisioningState = "Succeeded", adminUserEnabled = false,
                networkRuleSet = new
                {
                    defaultAction = fault is FleetFault.IpRulesDeny or FleetFault.TrustedServicesOffWithTasks ? "Deny" : "Allow",
                    ipRules = fault == FleetFault.IpRulesDeny ? new[] { new { action = "Allow", value = "203.0.113.0/24" } } : [],
                    virtualNetworkRules = Array.Empty<object>(),
                },
                publicNetworkAccess = restricted ? "Disabled" : "Enabled",
                networkRuleBypassOptions = fault == FleetFault.TrustedServicesOffWithTasks ? "None" : "AzureServices",
                // Resource Graph indexes the current api-version's shape, which has the tasks bypass setting.
                networkRuleBypassAllowedForTasks = false,
                dataEndpointEnabled = approved,
                dataEndpointHostNames = approved ? regions.Select(r => $"{name}.{r}.data.azurecr.io").ToArray() : [],
                privateEndpointConnections = connections,
                zoneRedundancy = "Disabled",
            },
        }));

        foreach (var region in regions) fleet.AddRow(FleetQueries.RegistryChildrenName, JObject.FromObject(new
        {
            id = $"{id}/replications/{region}", name = region, type = "microsoft.containerregistry/registries/replications", location = region,
            properties = new { provisioningState = "Succeeded", status = new { displayStatus = "Ready" }, regionEndpointEnabled = true, zoneRedundancy = "Disabled" },
        }));
        if (fault == FleetFault.TrustedServicesOffWithTasks) fleet.AddRow(FleetQueries.RegistryChildrenName, JObject.FromObject(new
        {
            id = $"{id}/tasks/build-app", name = "build-app", type = "microsoft.containerregistry/registries/tasks", location = Region,
            properties = new { provisioningState = "Succeeded", status = "Enabled", platform = new { os = "Linux" } },
        }));

        var workspace = $"/subscriptions/{subscription}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-ops";
        var settings = fault == FleetFault.DiagnosticSettingsMissing ? new JArray() : new JArray(JObject.FromObject(new
        {
            id = $"{id}/providers/microsoft.insights/diagnosticSettings/acr-logs", name = "acr-logs", type = "Microsoft.Insights/diagnosticSettings",
            properties = new { workspaceId = workspace, logs = new[] { new { category = "ContainerRegistryLoginEvents", enabled = true } }, metrics = Array.Empty<object>() },
        }));
        fleet.ArmDocuments[ArmPaths.DiagnosticSettings(id)] = new JObject { ["value"] = settings };
    }

    /// <summary>The endpoint, its NIC (one ip configuration per FQDN), its zone group and A records; returns the registry's connection.</summary>
    private static JObject AddPrivateEndpoint(GeneratedFleet fleet, Network vnet, string registryId, string name, string[] regions, bool approved, string? skipRecord)
    {
        var subscription = vnet.Subscription;
        var peName = $"pe-{name}";
        var peId = $"/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/privateEndpoints/{peName}";
        var nicId = $"/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/networkInterfaces/{peName}.nic";
        var fqdns = new[] { $"{name}.azurecr.io" }.Concat(regions.Select(r => $"{name}.{r}.data.azurecr.io")).ToArray();
        var subnet = vnet.NextSubnet();
        var ips = fqdns.Select((_, i) => subnet.Allocate($"{nicId}/ipConfigurations/privateEndpointIpConfig.{i}")).ToArray();
        var status = approved ? "Approved" : "Pending";
        var connection = new { id = $"{peId}/privateLinkServiceConnections/{peName}", name = peName, properties = new
        {
            privateLinkServiceId = registryId, groupIds = new[] { "registry" },
            privateLinkServiceConnectionState = new { status, description = approved ? "Auto-Approved" : "", actionsRequired = "None" },
        } };

        var pe = JObject.FromObject(new
        {
            id = peId, name = peName, type = "microsoft.network/privateendpoints", location = Region,
            properties = new
            {
                provisioningState = "Succeeded", subnet = new { id = subnet.Id }, networkInterfaces = new[] { new { id = nicId } },
                customDnsConfigs = approved ? fqdns.Select((f, i) => new { fqdn = f, ipAddresses = new[] { ips[i] } }).ToArray() : [],
                privateLinkServiceConnections = approved ? new[] { connection } : [],
                manualPrivateLinkServiceConnections = approved ? [] : new[] { connection },
            },
        });
        pe["nic"] = JObject.FromObject(new
        {
            id = nicId, name = $"{peName}.nic", type = "microsoft.network/networkinterfaces", location = Region,
            properties = new
            {
                ipConfigurations = fqdns.Select((f, i) => new
                {
                    id = $"{nicId}/ipConfigurations/privateEndpointIpConfig.{i}", name = $"privateEndpointIpConfig.{i}",
                    properties = new
                    {
                        privateIPAddress = ips[i], privateIPAllocationMethod = "Dynamic", subnet = new { id = subnet.Id }, primary = i == 0,
                        privateLinkConnectionProperties = new { groupId = "registry", requiredMemberName = i == 0 ? "registry" : $"registry_data_{regions[i - 1]}", fqdns = new[] { f } },
                    },
                }).ToArray(),
            },
        });
        fleet.AddRow(FleetQueries.PrivateEndpointsName, pe);

        if (approved)
        {
            var zoneId = ZoneId(subscription);
            fleet.ArmDocuments[ArmPaths.PrivateDnsZoneGroups(peId)] = new JObject { ["value"] = new JArray(JObject.FromObject(new
            {
                id = $"{peId}/privateDnsZoneGroups/default", name = "default", type = "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                properties = new { provisioningState = "Succeeded", privateDnsZoneConfigs = new[] { new { name = "privatelink-azurecr-io", properties = new { privateDnsZoneId = zoneId } } } },
            })) };
            foreach (var (fqdn, ip) in fqdns.Zip(ips))
            {
                var relative = fqdn[..^".azurecr.io".Length];
                if (relative == skipRecord) continue;
                fleet.AddRow(FleetQueries.ARecordSetsName, JObject.FromObject(new
                {
                    id = $"{zoneId}/A/{relative}", name = relative, type = "microsoft.network/privatednszones/a",
                    properties = new { fqdn = $"{relative}.privatelink.azurecr.io.", ttl = 10, isAutoRegistered = false, aRecords = new[] { new { ipv4Address = ip } } },
                }));
            }
        }
        return JObject.FromObject(new
        {
            id = $"{registryId}/privateEndpointConnections/{name}.{peName}",
            name = $"{name}.{peName}", type = "Microsoft.ContainerRegistry/registries/privateEndpointConnections",
            properties = new { privateEndpoint = new { id = peId }, privateLinkServiceConnectionState = new { status, description = connection.properties.privateLinkServiceConnectionState.description, actionsRequired = "None" }, provisioningState = "Succeeded" },
        });
    }

    /// <summary>The subscription's zone (linked to the hub VNet only), its NSG, and every subnet and VNet that received endpoints.</summary>
    private static void AddSubscriptionNetwork(GeneratedFleet fleet, Dictionary<string, Network> networks, string subscription, int index)
    {
        var zoneId = ZoneId(subscription);
        var hub = Vnet(networks, subscription, index, spoke: false);
        fleet.AddRow(FleetQueries.PrivateDnsZonesName, JObject.FromObject(new
        {
            id = zoneId, name = "privatelink.azurecr.io", type = "microsoft.network/privatednszones", location = "global",
            properties = new { provisioningState = "Succeeded", maxNumberOfRecordSets = 25000, numberOfVirtualNetworkLinks = 1 },
        }));
        fleet.AddRow(FleetQueries.PrivateDnsZonesName, JObject.FromObject(new
        {
            id = $"{zoneId}/virtualNetworkLinks/link-vnet-hub", name = "link-vnet-hub", type = "microsoft.network/privatednszones/virtualnetworklinks", location = "global",
            properties = new { provisioningState = "Succeeded", registrationEnabled = false, resolutionPolicy = "Default", virtualNetwork = new { id = hub.Id }, virtualNetworkLinkState = "Completed" },
        }));
        fleet.AddRow(FleetQueries.NetworkSecurityGroupsName, JObject.FromObject(new
        {
            id = hub.NsgId, name = "nsg-pe", type = "microsoft.network/networksecuritygroups", location = Region,
            properties = new { provisioningState = "Succeeded", securityRules = Array.Empty<object>(), defaultSecurityRules = DefaultOutboundRules(hub.NsgId!) },
        }));
        foreach (var vnet in networks.Values.Where(n => n.Subscription == subscription))
            foreach (var subnet in vnet.Subnets)
                fleet.AddRow(FleetQueries.SubnetsName, subnet.Row(vnet));
    }

    /// <summary>The outbound default rules Azure puts in every NSG (as ARM and Resource Graph return them).</summary>
    private static object[] DefaultOutboundRules(string nsgId) =>
    [
        DefaultRule(nsgId, "AllowVnetOutBound", 65000, "Allow", "VirtualNetwork", "VirtualNetwork"),
        DefaultRule(nsgId, "AllowInternetOutBound", 65001, "Allow", "*", "Internet"),
        DefaultRule(nsgId, "DenyAllOutBound", 65500, "Deny", "*", "*"),
    ];

    private static object DefaultRule(string nsgId, string name, int priority, string access, string source, string destination) => new
    {
        name, id = $"{nsgId}/defaultSecurityRules/{name}", type = "Microsoft.Network/networkSecurityGroups/defaultSecurityRules",
        properties = new
        {
            provisioningState = "Succeeded", description = "Default outbound rule", protocol = "*", sourcePortRange = "*", destinationPortRange = "*",
            sourceAddressPrefix = source, destinationAddressPrefix = destination, access, priority, direction = "Outbound",
        },
    };

    public static string ZoneId(string subscription) =>
        $"/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/privateDnsZones/privatelink.azurecr.io";

    private static Network Vnet(Dictionary<string, Network> networks, string subscription, int index, bool spoke)
    {
        var name = spoke ? "vnet-spoke" : "vnet-hub";
        var key = $"{subscription}/{name}";
        return networks.TryGetValue(key, out var vnet) ? vnet : networks[key] = new Network(subscription, name, spoke ? 128 + index : 1 + index, nsg: !spoke);
    }

    /// <summary>A VNet 10.{octet}.0.0/16 whose /22 subnets each take <see cref="EndpointsPerSubnet"/> endpoints.</summary>
    private sealed class Network(string subscription, string name, int octet, bool nsg)
    {
        public string Subscription => subscription;
        public string Id => $"/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/{name}";
        public string? NsgId => nsg ? $"/subscriptions/{subscription}/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-pe" : null;
        public List<Subnet> Subnets { get; } = new();
        private int _endpoints;

        public Subnet NextSubnet()
        {
            var index = _endpoints++ / EndpointsPerSubnet;
            if (index == Subnets.Count) Subnets.Add(new Subnet($"{Id}/subnets/snet-pe-{index}", $"10.{octet}.{index * 4}.0/22", octet, index * 4, NsgId));
            return Subnets[index];
        }

        public JObject Vnet() => JObject.FromObject(new
        {
            id = Id, name, type = "microsoft.network/virtualnetworks", location = Region,
            properties = new { addressSpace = new { addressPrefixes = new[] { $"10.{octet}.0.0/16" } }, dhcpOptions = (object?)null, virtualNetworkPeerings = Array.Empty<object>() },
        });
    }

    private sealed class Subnet(string id, string prefix, int octet, int third, string? nsgId)
    {
        public string Id => id;
        private readonly List<string> _ipConfigurations = new();

        /// <summary>The next free address (Azure keeps the first four of a range), recording the ip configuration that takes it.</summary>
        public string Allocate(string ipConfigurationId)
        {
            var n = _ipConfigurations.Count + 4;
            _ipConfigurations.Add(ipConfigurationId);
            return $"10.{octet}.{third + n / 256}.{n % 256}";
        }

        public JObject Row(Network vnet)
        {
            var properties = new JObject
            {
                ["provisioningState"] = "Succeeded", ["addressPrefix"] = prefix, ["privateEndpointNetworkPolicies"] = "Disabled",
                ["serviceEndpoints"] = new JArray(), ["ipConfigurations"] = new JArray(_ipConfigurations.Select(c => new JObject { ["id"] = c })),
            };
            if (nsgId is not null) properties["networkSecurityGroup"] = new JObject { ["id"] = nsgId };
            return new JObject
            {
                ["id"] = id, ["name"] = new ResourceId(id).Name, ["type"] = "microsoft.network/virtualnetworks/subnets",
                ["properties"] = properties, ["vnet"] = vnet.Vnet(),
            };
        }
    }
}
