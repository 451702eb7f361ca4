namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Every KQL query the fleet scan sends, readable in one place (printed with --debug). One query per evidence kind, with the
/// joins done by the engine where Resource Graph allows them; each projects <c>id</c>, which paging needs for a stable order.
/// What Resource Graph does not index comes from ARM in batches (<see cref="FleetFallbackReads"/>); docs/fleet-scan.md says
/// which evidence comes from where.
/// </summary>
internal static class FleetQueries
{
    public const string RegistriesName = "registries";
    public const string RegistryChildrenName = "registry-children";
    public const string PrivateEndpointsName = "private-endpoints";
    public const string SubnetsName = "subnets";
    public const string NetworkSecurityGroupsName = "network-security-groups";
    public const string PrivateDnsZonesName = "private-dns-zones";
    public const string ARecordSetsName = "private-dns-a-records";

    private const string RegistryType = "microsoft.containerregistry/registries";

    /// <param name="filter">A where-clause already checked by <see cref="QueryFilter.Validate"/>, or null.</param>
    public static FleetQuery Registries(string? filter = null) => new(RegistriesName, "container registries (arm.registry)",
        "resources\n" +
        $"| where type =~ '{RegistryType}'\n" +
        "| project id, name, type, location, resourceGroup, subscriptionId, sku, identity, tags, properties" +
        (filter is null ? "" : $"\n| where ({filter})"));

    public static FleetQuery RegistryChildren { get; } = new(RegistryChildrenName, "replications, tasks and agent pools of every registry",
        "resources\n" +
        $"| where type in~ ('{RegistryType}/replications', '{RegistryType}/tasks', '{RegistryType}/agentpools')\n" +
        "| project id, name, type, location, properties");

    /// <summary>Private endpoints whose connections target a container registry, each with its network interface (joined).</summary>
    public static FleetQuery PrivateEndpoints { get; } = new(PrivateEndpointsName, "private endpoints of registries, with their network interfaces",
        RegistryPrivateEndpoints + "\n" +
        "| extend nicId = tolower(tostring(properties.networkInterfaces[0].id))\n" +
        "| join kind=leftouter (\n" +
        "    resources\n" +
        "    | where type =~ 'microsoft.network/networkinterfaces'\n" +
        "    | project nicId = tolower(id), nic = pack('id', id, 'name', name, 'type', type, 'location', location, 'properties', properties)\n" +
        "  ) on nicId\n" +
        "| project id, name, type, location, properties, nic");

    /// <summary>
    /// The subnets that hold a registry's private endpoint or appear in a registry's virtual network rules, expanded from their
    /// virtual networks, each with the fields of its VNet the rules read (address space, DNS servers, peerings).
    /// </summary>
    public static FleetQuery Subnets { get; } = new(SubnetsName, "subnets of registry private endpoints and network rules, with their virtual networks",
        ExpandedSubnets + "\n" +
        "| join kind=inner (\n" + Indent(RegistrySubnetIds) + "\n  ) on subnetId\n" +
        "| project id = tostring(subnet.id), name = tostring(subnet.name), type = 'microsoft.network/virtualnetworks/subnets', properties = subnet.properties,\n" +
        "    vnet = pack('id', id, 'name', name, 'type', type, 'location', location, 'properties', pack('addressSpace', properties.addressSpace,\n" +
        "        'dhcpOptions', properties.dhcpOptions, 'virtualNetworkPeerings', properties.virtualNetworkPeerings))");

    public static FleetQuery NetworkSecurityGroups { get; } = new(NetworkSecurityGroupsName, "network security groups on those subnets",
        ExpandedSubnets + "\n" +
        "| extend nsgId = tolower(tostring(subnet.properties.networkSecurityGroup.id))\n" +
        "| where isnotempty(nsgId)\n" +
        "| join kind=inner (\n" + Indent(RegistrySubnetIds) + "\n  ) on subnetId\n" +
        "| distinct nsgId\n" +
        "| join kind=inner (resources | where type =~ 'microsoft.network/networksecuritygroups' | extend nsgId = tolower(id)) on nsgId\n" +
        "| project id, name, type, location, properties");

    /// <summary>The registry private DNS zones (privatelink.azurecr.io and regional ones ending in it) and their virtual network links.</summary>
    public static FleetQuery PrivateDnsZones(string loginServerSuffix = "azurecr.io") => new(PrivateDnsZonesName, "privatelink zones and their virtual network links",
        "resources\n" +
        $"| where (type =~ 'microsoft.network/privatednszones' and name endswith '{ZoneName(loginServerSuffix)}')\n" +
        $"    or (type =~ 'microsoft.network/privatednszones/virtualnetworklinks' and id contains '{ZoneName(loginServerSuffix)}/virtualnetworklinks/')\n" +
        "| project id, name, type, location, properties");

    /// <summary>A record sets live in the dnsresources table, not in resources.</summary>
    public static FleetQuery ARecordSets(string loginServerSuffix = "azurecr.io") => new(ARecordSetsName, "A record sets of those zones",
        "dnsresources\n" +
        $"| where type =~ 'microsoft.network/privatednszones/a' and id contains '{ZoneName(loginServerSuffix)}/a/'\n" +
        "| project id, name, type, properties");

    /// <summary>Every query in the order the scan sends them, for --debug.</summary>
    public static IReadOnlyList<FleetQuery> All(string? filter = null, string loginServerSuffix = "azurecr.io") =>
        [Registries(filter), RegistryChildren, PrivateEndpoints, Subnets, NetworkSecurityGroups, PrivateDnsZones(loginServerSuffix), ARecordSets(loginServerSuffix)];

    public static string ZoneName(string loginServerSuffix) => "privatelink." + loginServerSuffix.ToLowerInvariant();

    private const string RegistryPrivateEndpoints =
        "resources\n" +
        "| where type =~ 'microsoft.network/privateendpoints'\n" +
        $"| where tostring(properties.privateLinkServiceConnections) contains '{RegistryType}'\n" +
        $"    or tostring(properties.manualPrivateLinkServiceConnections) contains '{RegistryType}'";

    private const string ExpandedSubnets =
        "resources\n" +
        "| where type =~ 'microsoft.network/virtualnetworks'\n" +
        "| mv-expand subnet = properties.subnets\n" +
        "| extend subnetId = tolower(tostring(subnet.id))";

    private const string RegistrySubnetIds =
        RegistryPrivateEndpoints + "\n" +
        "| project subnetId = tolower(tostring(properties.subnet.id))\n" +
        "| union (\n" +
        "    resources\n" +
        $"    | where type =~ '{RegistryType}'\n" +
        "    | mv-expand rule = properties.networkRuleSet.virtualNetworkRules\n" +
        "    | project subnetId = tolower(tostring(rule.id)))\n" +
        "| where isnotempty(subnetId)\n" +
        "| distinct subnetId";

    private static string Indent(string kql) => string.Join('\n', kql.Split('\n').Select(line => "    " + line));
}
