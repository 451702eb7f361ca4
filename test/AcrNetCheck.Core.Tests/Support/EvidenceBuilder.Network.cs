using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>Private endpoints, DNS zones, subnets, NSGs and route tables, in the Network RP's shapes.</summary>
public sealed partial class EvidenceBuilder
{
    public string PrivateEndpointId(string name = "pe-contoso") =>
        $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/privateEndpoints/{name}";

    public static string ZoneIdOf(string zone = "privatelink.azurecr.io") =>
        $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/privateDnsZones/{zone}";

    public string ZoneId(string zone = "privatelink.azurecr.io") =>
        $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/privateDnsZones/{zone}";

    /// <summary>
    /// A private endpoint in <paramref name="subnetId"/> with its registry connection, its NIC (one ip configuration per FQDN,
    /// login server first, then each data endpoint region in <paramref name="dataRegions"/>, addresses from <paramref name="firstIp"/> up)
    /// and the matching customDnsConfigs. <paramref name="status"/> Pending/Rejected/Disconnected models the connection states.
    /// </summary>
    public EvidenceBuilder PrivateEndpoint(string subnetId, string firstIp = "10.1.0.4", string status = "Approved", string name = "pe-contoso", string[]? dataRegions = null)
    {
        var peId = PrivateEndpointId(name);
        var connections = (JArray)RequireRegistry().SelectToken("properties.privateEndpointConnections")!;
        connections.Add(JObject.FromObject(new
        {
            type = "Microsoft.ContainerRegistry/registries/privateEndpointConnections",
            // ACR names connections <registry>.<32 hex>; derived from the endpoint name so bundles are reproducible.
            id = $"{RegistryId}/privateEndpointConnections/{ConnectionName(name)}",
            name = ConnectionName(name),
            properties = new
            {
                privateEndpoint = new { id = peId },
                privateLinkServiceConnectionState = new { status, description = status == "Approved" ? "Auto-Approved" : "", actionsRequired = "None" },
                provisioningState = "Succeeded",
            },
        }));
        if (status == "Approved") SetProp("dataEndpointEnabled", true);
        SyncDataEndpointHostNames();

        var regions = dataRegions ?? new EvidenceView(Bundle).Regions.ToArray();
        var fqdns = new[] { LoginServer }.Concat(regions.Select(r => $"{RegistryName}.{r}.data.azurecr.io")).ToArray();
        var ips = fqdns.Select((_, i) => NextIp(firstIp, i)).ToArray();
        var nicId = $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/networkInterfaces/{name}.nic.{RegistryName}";
        var pending = status != "Approved";
        // The collector reads an endpoint's subnet and VNet with it: the VNet (Azure-provided DNS) unless a test describes it.
        if (new ResourceId(subnetId).Parent is { } vnetId && !Arm.Resources.ContainsKey(vnetId))
            VirtualNetwork(new ResourceId(vnetId).Name, string.Join('.', firstIp.Split('.').Take(2)) + ".0.0/16", subscription: new ResourceId(vnetId).SubscriptionId ?? Subscription);

        Resource(JObject.FromObject(new
        {
            name, type = "Microsoft.Network/privateEndpoints", id = peId, location = Location,
            properties = new
            {
                provisioningState = "Succeeded",
                subnet = new { id = subnetId },
                networkInterfaces = new[] { new { id = nicId } },
                customDnsConfigs = pending ? [] : fqdns.Select((f, i) => new { fqdn = f, ipAddresses = new[] { ips[i] } }).ToArray(),
                privateLinkServiceConnections = pending ? [] : new[] { Connection(name, status) },
                manualPrivateLinkServiceConnections = pending ? new[] { Connection(name, status) } : [],
            },
        }));
        Resource(JObject.FromObject(new
        {
            name = $"{name}.nic.{RegistryName}", type = "Microsoft.Network/networkInterfaces", id = nicId, location = Location,
            properties = new
            {
                ipConfigurations = fqdns.Select((f, i) => new
                {
                    name = $"privateEndpointIpConfig.{i}",
                    id = $"{nicId}/ipConfigurations/privateEndpointIpConfig.{i}",
                    properties = new
                    {
                        privateIPAddress = ips[i], privateIPAllocationMethod = "Dynamic", privateIPAddressVersion = "IPv4",
                        subnet = new { id = subnetId }, primary = i == 0,
                        privateLinkConnectionProperties = new { groupId = "registry", requiredMemberName = i == 0 ? "registry" : $"registry_data_{regions[i - 1]}", fqdns = new[] { f } },
                    },
                }).ToArray(),
            },
        }));
        return this;

        object Connection(string peName, string state) => new
        {
            id = $"{peId}/privateLinkServiceConnections/{peName}",
            name = peName,
            properties = new
            {
                privateLinkServiceId = RegistryId, groupIds = new[] { "registry" },
                privateLinkServiceConnectionState = new { status = state, description = "", actionsRequired = "None" },
            },
        };
    }

    /// <summary>A zone group on the private endpoint pointing at <paramref name="zoneIds"/>; empty means "listed, none".</summary>
    public EvidenceBuilder ZoneGroup(string peName = "pe-contoso", params string[] zoneIds)
    {
        var peId = PrivateEndpointId(peName);
        var key = ArmPaths.PrivateDnsZoneGroups(peId);
        ListFor(key);
        if (zoneIds.Length == 0) return this;
        var id = $"{peId}/privateDnsZoneGroups/default";
        Resource(JObject.FromObject(new
        {
            name = "default", id,
            properties = new
            {
                provisioningState = "Succeeded",
                privateDnsZoneConfigs = zoneIds.Select(z => new { name = new ResourceId(z).Name, properties = new { privateDnsZoneId = z, recordSets = Array.Empty<object>() } }).ToArray(),
            },
        }));
        return List(key, id);
    }

    /// <summary>A private DNS zone with its A record list and link list read (both empty until records/links are added).</summary>
    public EvidenceBuilder Zone(string zone = "privatelink.azurecr.io")
    {
        var id = ZoneId(zone);
        Resource(JObject.FromObject(new
        {
            id, name = zone, type = "Microsoft.Network/privateDnsZones", location = "global",
            properties = new { maxNumberOfRecordSets = 25000, numberOfRecordSets = 1, provisioningState = "Succeeded" },
        }));
        ListFor(ArmPaths.ARecordSets(id));
        ListFor(ArmPaths.VirtualNetworkLinks(id));
        ListFor(ArmPaths.PrivateDnsZones(Subscription)).Add(id);
        return this;
    }

    /// <summary>An A record set named relative to the zone (e.g. "contoso", "contoso.eastus.data").</summary>
    public EvidenceBuilder ARecord(string relativeName, string ip, string zone = "privatelink.azurecr.io")
    {
        var zoneId = ZoneId(zone);
        var id = $"{zoneId}/A/{relativeName}";
        Resource(JObject.FromObject(new
        {
            name = relativeName, type = "Microsoft.Network/privateDnsZones/A", id,
            properties = new { aRecords = new[] { new { ipv4Address = ip } }, fqdn = $"{relativeName}.{zone}.", isAutoRegistered = false, ttl = 10 },
        }));
        ListFor(ArmPaths.ARecordSets(zoneId)).Add(id);
        return this;
    }

    public EvidenceBuilder ZoneLink(string vnetId, string zone = "privatelink.azurecr.io", string state = "Completed")
    {
        var zoneId = ZoneId(zone);
        var id = $"{zoneId}/virtualNetworkLinks/link-{new ResourceId(vnetId).Name}";
        Resource(JObject.FromObject(new
        {
            name = $"link-{new ResourceId(vnetId).Name}", type = "Microsoft.Network/privateDnsZones/virtualNetworkLinks", id, location = "global",
            properties = new { provisioningState = "Succeeded", registrationEnabled = false, resolutionPolicy = "Default", virtualNetwork = new { id = vnetId }, virtualNetworkLinkState = state },
        }));
        ListFor(ArmPaths.VirtualNetworkLinks(zoneId)).Add(id);
        return this;
    }

    /// <summary>
    /// The usual healthy private-endpoint setup: approved endpoint, zone group, zone linked to the VNet, A records matching
    /// the NIC. <paramref name="recordIpOverride"/> writes a stale address into every record; <paramref name="skipRecordsFor"/>
    /// leaves out the data-endpoint record of that region.
    /// </summary>
    public EvidenceBuilder PrivateEndpointWithDns(string vnet = "vnet-hub", string subnet = "snet-pe", string firstIp = "10.1.0.4",
        string? recordIpOverride = null, string? skipRecordsFor = null)
    {
        var subnetId = SubnetId(vnet, subnet);
        PrivateEndpoint(subnetId, firstIp);
        Zone().ZoneGroup("pe-contoso", ZoneId()).ZoneLink(VnetId(vnet));
        var view = new EvidenceView(Bundle);
        foreach (var (fqdn, ips) in view.PrivateEndpointAddresses)
        {
            var relative = fqdn[..^(".azurecr.io".Length)];
            if (skipRecordsFor is not null && relative.EndsWith($".{skipRecordsFor}.data", StringComparison.Ordinal)) continue;
            ARecord(relative, recordIpOverride ?? ips[0]);
        }
        return this;
    }

    public EvidenceBuilder Subnet(string vnet, string subnet, string prefix = "10.1.0.0/24", string[]? serviceEndpoints = null,
        string? nsgId = null, string? routeTableId = null, int usedAddresses = 0, string subscription = Subscription)
    {
        var id = SubnetId(vnet, subnet, subscription);
        var props = new JObject
        {
            ["addressPrefix"] = prefix,
            ["provisioningState"] = "Succeeded",
            ["privateEndpointNetworkPolicies"] = "Disabled",
            ["serviceEndpoints"] = new JArray((serviceEndpoints ?? []).Select(s => JObject.FromObject(new { service = s, locations = new[] { "*" }, provisioningState = "Succeeded" }))),
            ["ipConfigurations"] = new JArray(Enumerable.Range(0, usedAddresses).Select(i => new JObject { ["id"] = $"{id}/ipcfg{i}" })),
        };
        if (nsgId is not null) props["networkSecurityGroup"] = new JObject { ["id"] = nsgId };
        if (routeTableId is not null) props["routeTable"] = new JObject { ["id"] = routeTableId };
        return Resource(new JObject { ["name"] = subnet, ["id"] = id, ["type"] = "Microsoft.Network/virtualNetworks/subnets", ["properties"] = props });
    }

    public EvidenceBuilder VirtualNetwork(string vnet, string addressPrefix = "10.1.0.0/16", string[]? dnsServers = null, string subscription = Subscription)
    {
        var props = new JObject { ["addressSpace"] = new JObject { ["addressPrefixes"] = new JArray(addressPrefix) }, ["virtualNetworkPeerings"] = new JArray() };
        if (dnsServers is not null) props["dhcpOptions"] = new JObject { ["dnsServers"] = new JArray(dnsServers) };
        return Resource(new JObject { ["name"] = vnet, ["id"] = VnetId(vnet, subscription), ["type"] = "Microsoft.Network/virtualNetworks", ["location"] = Location, ["properties"] = props });
    }

    public static string NsgId(string name) => $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/networkSecurityGroups/{name}";

    /// <summary>An NSG with the six Azure default rules and the given custom rules.</summary>
    public EvidenceBuilder Nsg(string name, params NsgRule[] rules)
    {
        var id = NsgId(name);
        JObject Rule(NsgRule r, bool isDefault) => new()
        {
            ["name"] = r.Name,
            ["id"] = $"{id}/{(isDefault ? "defaultSecurityRules" : "securityRules")}/{r.Name}",
            ["properties"] = new JObject
            {
                ["protocol"] = r.Protocol, ["sourcePortRange"] = "*", ["destinationPortRange"] = r.Port,
                ["sourceAddressPrefix"] = r.Source, ["destinationAddressPrefix"] = r.Destination,
                ["access"] = r.Access, ["priority"] = r.Priority, ["direction"] = r.Direction, ["provisioningState"] = "Succeeded",
            },
        };
        var defaults = new[]
        {
            new NsgRule("AllowVnetInBound", 65000, "Allow", "VirtualNetwork", "VirtualNetwork", "*", "*", "Inbound"),
            new NsgRule("AllowAzureLoadBalancerInBound", 65001, "Allow", "*", "AzureLoadBalancer", "*", "*", "Inbound"),
            new NsgRule("DenyAllInBound", 65500, "Deny", "*", "*", "*", "*", "Inbound"),
            new NsgRule("AllowVnetOutBound", 65000, "Allow", "VirtualNetwork", "VirtualNetwork", "*", "*"),
            new NsgRule("AllowInternetOutBound", 65001, "Allow", "Internet", "*", "*", "*"),
            new NsgRule("DenyAllOutBound", 65500, "Deny", "*", "*", "*", "*"),
        };
        return Resource(new JObject
        {
            ["name"] = name, ["id"] = id, ["type"] = "Microsoft.Network/networkSecurityGroups", ["location"] = Location,
            ["properties"] = new JObject
            {
                ["securityRules"] = new JArray(rules.Select(r => Rule(r, false))),
                ["defaultSecurityRules"] = new JArray(defaults.Select(r => Rule(r, true))),
            },
        });
    }

    public static string RouteTableId(string name) => $"/subscriptions/{Subscription}/resourceGroups/{NetGroup}/providers/Microsoft.Network/routeTables/{name}";

    public EvidenceBuilder RouteTable(string name, params (string Name, string Prefix, string NextHopType, string? NextHopIp)[] routes)
    {
        var id = RouteTableId(name);
        return Resource(JObject.FromObject(new
        {
            name, id, type = "Microsoft.Network/routeTables", location = Location,
            properties = new
            {
                disableBgpRoutePropagation = false, provisioningState = "Succeeded",
                routes = routes.Select(r => new { name = r.Name, id = $"{id}/routes/{r.Name}", properties = new { addressPrefix = r.Prefix, nextHopType = r.NextHopType, nextHopIpAddress = r.NextHopIp, provisioningState = "Succeeded" } }).ToArray(),
            },
        }));
    }

    /// <summary>The provider's registration as GET /subscriptions/{id}/providers/Microsoft.ContainerRegistry returns it.</summary>
    public EvidenceBuilder Provider(string subscription, string state = "Registered") => Resource(JObject.FromObject(new
    {
        id = ArmPaths.Provider(subscription), @namespace = "Microsoft.ContainerRegistry", registrationPolicy = "RegistrationRequired", registrationState = state,
    }));

    /// <summary>A diagnostic setting on the registry; <paramref name="workspaceId"/> "" as ARM writes "none".</summary>
    public EvidenceBuilder DiagnosticSetting(string name, string workspaceId, params string[] categories)
    {
        var id = $"{RegistryId}/providers/microsoft.insights/diagnosticSettings/{name}";
        Resource(JObject.FromObject(new
        {
            id, type = "Microsoft.Insights/diagnosticSettings", name,
            properties = new
            {
                workspaceId,
                logs = categories.Select(c => c is "allLogs" or "audit"
                    ? (object)new { categoryGroup = c, enabled = true, retentionPolicy = new { enabled = false, days = 0 } }
                    : new { category = c, enabled = true, retentionPolicy = new { enabled = false, days = 0 } }).ToArray(),
                metrics = Array.Empty<object>(),
            },
        }));
        return List(ArmPaths.DiagnosticSettings(RegistryId), id);
    }

    public EvidenceBuilder DiagnosticSettingsRead() { ListFor(ArmPaths.DiagnosticSettings(RegistryId)); return this; }

    /// <summary>ACR Tasks and agent pools, as their list calls return them.</summary>
    public EvidenceBuilder Tasks(int count, int agentPools = 0)
    {
        var tasks = ListFor(ArmPaths.Tasks(RegistryId));
        for (var i = 0; i < count; i++)
        {
            var id = $"{RegistryId}/tasks/task{i}";
            Resource(JObject.FromObject(new { id, name = $"task{i}", type = "Microsoft.ContainerRegistry/registries/tasks", location = Location, properties = new { status = "Enabled", platform = new { os = "Linux" } } }));
            tasks.Add(id);
        }
        var pools = ListFor(ArmPaths.AgentPools(RegistryId));
        for (var i = 0; i < agentPools; i++)
        {
            var id = $"{RegistryId}/agentPools/pool{i}";
            Resource(JObject.FromObject(new { id, name = $"pool{i}", type = "Microsoft.ContainerRegistry/registries/agentPools", location = Location, properties = new { count = 1, tier = "S1", os = "Linux" } }));
            pools.Add(id);
        }
        return this;
    }

    /// <summary>An ACR task with a system-assigned managed identity, as the tasks list returns it (after <see cref="Tasks"/>, or alone).</summary>
    public EvidenceBuilder TaskWithIdentity(string name, string principalId)
    {
        var id = $"{RegistryId}/tasks/{name}";
        Resource(JObject.FromObject(new
        {
            id, name, type = "Microsoft.ContainerRegistry/registries/tasks", location = Location,
            identity = new { type = "SystemAssigned", principalId, tenantId = "72f988bf-0000-4000-8000-2d7cd011db47" },
            properties = new { status = "Enabled", platform = new { os = "Linux" } },
        }));
        ListFor(ArmPaths.Tasks(RegistryId)).Add(id);
        ListFor(ArmPaths.AgentPools(RegistryId));
        return this;
    }

    private string ConnectionName(string peName) =>
        $"{RegistryName}.{Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes(peName))).ToLowerInvariant()}";

    private static string NextIp(string first, int offset)
    {
        var bytes = System.Net.IPAddress.Parse(first).GetAddressBytes();
        bytes[3] = (byte)(bytes[3] + offset);
        return new System.Net.IPAddress(bytes).ToString();
    }
}

public sealed record NsgRule(string Name, int Priority, string Access, string Destination, string Source = "*", string Port = "443", string Protocol = "Tcp", string Direction = "Outbound");
