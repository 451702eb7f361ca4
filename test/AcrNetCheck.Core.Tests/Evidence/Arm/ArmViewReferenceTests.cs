using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Evidence.Arm;

/// <summary>The typed views read the real responses in test/fixtures/reference, quirks included.</summary>
public class ArmViewReferenceTests
{
    private const string Acr = "Microsoft.ContainerRegistry/";
    private const string Net = "Microsoft.Network/";

    [Fact]
    public void OfficialRegistryGet_DefaultsReadAsPublicAndUnrestricted()
    {
        var registry = new RegistryView(Reference.Body(Acr + "Registries_Get.json"));

        Assert.Equal("Enabled", registry.PublicNetworkAccess);
        Assert.False(registry.IsNetworkRestricted);
        Assert.Empty(registry.IpRules);
        Assert.Empty(registry.PrivateEndpointConnections);
        Assert.False(registry.DataEndpointEnabled);
    }

    [Fact]
    public void RecordedDenyRegistry_OldApiVersion_HasVnetAndIpRules()
    {
        var registry = new RegistryView(Reference.Body(Acr + "recorded/Registries_Get.premium-deny-vnet-and-ip-rules.2021-08-01-preview.json"));

        Assert.True(registry.DefaultActionDeny);
        Assert.Equal("16.17.18.0/24", Assert.Single(registry.IpRules).Value);
        Assert.EndsWith("/subnets/cliregsubnet", Assert.Single(registry.VirtualNetworkRules!).SubnetId);
        Assert.NotNull(registry.IpRules.RuleAllowing("16.17.18.200"));
        Assert.Null(registry.IpRules.RuleAllowing("16.17.19.1"));
    }

    [Fact]
    public void SameRegistry_NewerApiVersion_VnetRulesAreUnknownNotEmpty()
    {
        var registry = new RegistryView(Reference.Body(Acr + "recorded/Registries_Get.premium-deny-vnet-and-ip-rules.2023-11-01-preview.json"));

        Assert.Null(registry.VirtualNetworkRules);
        Assert.Single(registry.IpRules);
    }

    [Fact]
    public void RecordedReplicatedRegistry_ListsOneDataEndpointPerRegion()
    {
        var registry = new RegistryView(Reference.Body(Acr + "recorded/Registries_Get.premium-data-endpoints-replicated.json"));

        Assert.True(registry.DataEndpointEnabled);
        Assert.Equal(["testreg000002.southcentralus.data.azurecr.io", "testreg000002.westus.data.azurecr.io"], registry.DataEndpointHostNames);
        Assert.Equal("southcentralus", AcrNetCheck.Core.Evidence.RegistryEndpoints.RegionOfDataEndpoint(registry.DataEndpointHostNames[0]));
    }

    [Fact]
    public void RecordedPendingConnection_IsNotApproved()
    {
        var connection = PrivateEndpointConnection.From(Reference.Items(Acr + "recorded/PrivateEndpointConnections_List.pending.json")[0]);

        Assert.Equal("Pending", connection.Status);
        Assert.False(connection.IsApproved);
        Assert.EndsWith("/privateEndpoints/priv_endpoint000005", connection.PrivateEndpointId);
    }

    [Fact]
    public void OfficialPrivateEndpoint_ReadsDnsConfigsNicsAndSubnet()
    {
        var pe = new PrivateEndpointView(Reference.Body(Net + "PrivateEndpoints_Get.json"));

        Assert.Equal(["192.168.0.4"], pe.CustomDnsConfigs.Single(c => c.Fqdn == "abc.cosmos.com").IpAddresses);
        Assert.EndsWith("/subnets/mySubnet", pe.SubnetId);
        Assert.Contains("provders", Assert.Single(pe.NetworkInterfaceIds)); // the example's own typo, kept as returned
        Assert.Equal("Approved", Assert.Single(pe.Connections).Status);
    }

    [Fact]
    public void RecordedManualAcrPrivateEndpoint_ReadsTheManualConnection()
    {
        var pe = new PrivateEndpointView(Reference.Body(Net + "recorded/PrivateEndpoints_Get.acr-manual-pending.json"));

        var connection = Assert.Single(pe.Connections);
        Assert.Equal(["registry"], connection.GroupIds);
        Assert.Equal("Pending", connection.Status);
        Assert.Empty(pe.CustomDnsConfigs);
    }

    [Fact]
    public void OfficialNic_StripsPrefixLengthFromIpConfiguration()
    {
        var nic = new NetworkInterfaceView(Reference.Body(Net + "NetworkInterfaces_Get.json"));

        Assert.Equal(["172.20.2.4", "172.20.2.16"], nic.IpConfigurations.Select(c => c.PrivateIpAddress));
        Assert.NotNull(nic.NetworkSecurityGroupId);
    }

    [Fact]
    public void RecordedSubnet_HasContainerRegistryServiceEndpoint()
    {
        var subnet = new SubnetView(Reference.Body(Net + "recorded/Subnets_Get.service-endpoint-containerregistry.json"));

        Assert.True(subnet.HasContainerRegistryServiceEndpoint);
        Assert.NotEmpty(subnet.AddressPrefixes);
        Assert.EndsWith("/virtualNetworks/cliregvnet", subnet.VirtualNetworkId, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OfficialNsg_ReadsCustomAndSixDefaultRules()
    {
        var nsg = new NetworkSecurityGroupView(Reference.Body(Net + "NetworkSecurityGroups_Get.json"));

        Assert.Equal(6, nsg.DefaultSecurityRules.Count);
        Assert.Contains(nsg.DefaultSecurityRules, r => r is { Name: "AllowInternetOutBound", Priority: 65001, Direction: "Outbound" } && r.DestinationAddressPrefixes.Contains("Internet"));
        Assert.NotEmpty(nsg.SecurityRules);
    }

    [Fact]
    public void OfficialRouteTable_ReadsRoutes()
    {
        var route = Assert.Single(new RouteTableView(Reference.Body(Net + "RouteTables_Get.json")).Routes);

        Assert.Equal(("10.0.3.0/24", "VirtualNetworkGateway"), (route.AddressPrefix, route.NextHopType));
    }

    [Fact]
    public void OfficialZoneGroup_ReadsZoneIdsAndRecordSets()
    {
        var group = new PrivateDnsZoneGroupView(Reference.Body(Net + "PrivateDnsZoneGroups_Get.json"));

        Assert.Equal(2, group.ZoneConfigs.Count);
        Assert.EndsWith("/privateDnsZones/zone1.com", group.ZoneConfigs[0].PrivateDnsZoneId);
        Assert.Equal(["10.0.0.4"], group.ZoneConfigs[0].RecordSets[0].IpAddresses);
    }

    [Fact]
    public void OfficialARecordSets_TrimTrailingDotOfFqdn()
    {
        var record = new ARecordSetView(Reference.Items(Net + "RecordSets_ListByType_A.json")[0]);

        Assert.Equal("recorda1.privatezone1.com", record.Fqdn);
        Assert.Equal(["1.2.3.4"], record.Ipv4Addresses);
    }

    [Fact]
    public void OfficialVnetLinks_ReadVnetAndState()
    {
        var links = Reference.Items(Net + "VirtualNetworkLinks_List.json").Select(l => new VirtualNetworkLinkView(l)).ToList();

        Assert.Equal(["Completed", "InProgress"], links.Select(l => l.State));
        Assert.All(links, l => Assert.EndsWith("/virtualNetworks/virtualNetworkName", l.VirtualNetworkId));
    }

    [Fact]
    public void OfficialVnet_ReadsAddressSpaceAndAzureProvidedDns()
    {
        var vnet = new VirtualNetworkView(Reference.Body(Net + "VirtualNetworks_Get.json"));

        Assert.Equal(["10.0.0.0/16"], vnet.AddressPrefixes);
        Assert.Empty(vnet.DnsServers);
    }

    [Theory]
    [InlineData("DiagnosticSettings_List.json")]
    [InlineData("DiagnosticSettings_List_2017-05-01-preview.json")]
    public void OfficialDiagnosticSettings_EmptyWorkspaceIdMeansNoWorkspace(string file)
    {
        var setting = new DiagnosticSettingView(Reference.Items("Microsoft.Insights/" + file)[0]);

        Assert.Null(setting.WorkspaceId);
        Assert.False(setting.SendsLoginEventsToWorkspace);
        Assert.NotEmpty(setting.EnabledLogs);
    }

    [Fact]
    public void OfficialProviders_ReadRegistrationStates()
    {
        var states = Reference.Items("Microsoft.Resources/Providers_List.json").Select(p => new ProviderView(p)).ToList();

        Assert.Contains(states, p => p.IsRegistered);
        Assert.Contains(states, p => p.RegistrationState == "NotRegistered");
        Assert.False(new ProviderView(Reference.Body("Microsoft.Resources/Providers_Get.json")).IsRegistered);
    }

    [Theory]
    [InlineData("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1/subnets/s", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1")]
    [InlineData("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1", null)]
    public void ResourceId_ParentOfChildResource(string id, string? parent)
    {
        Assert.Equal(parent, new ResourceId(id).Parent);
        Assert.Equal("s1", new ResourceId(id).SubscriptionId);
    }
}
