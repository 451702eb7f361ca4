using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Testing.Fleet;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.ResourceGraph;

/// <summary>
/// When the scan may leave a registry's zone-group reads out: only when every approved endpoint's VNet resolves through
/// Azure-provided DNS and has a privatelink zone linked in the scan's evidence, and nothing the scan read is in doubt.
/// On a generated fleet's index (one subscription: a hub VNet linked to the zone, a spoke VNet not linked).
/// </summary>
public class ZoneGroupNeedTests
{
    private readonly GeneratedFleet _fleet = FleetGenerator.Generate(16, subscriptions: 1);

    private FleetIndex Index(params string[] unanswered) => IndexOf(_fleet, unanswered);

    /// <summary>The index the scan builds from a fleet's query rows (copies: the index takes rows apart), without the rows of <paramref name="unanswered"/> queries.</summary>
    private static FleetIndex IndexOf(GeneratedFleet fleet, params string[] unanswered)
    {
        var index = new FleetIndex();
        void Add(string query, Action<JObject> route)
        {
            if (!unanswered.Contains(query)) foreach (var row in fleet.RowsFor(query)) route((JObject)row.DeepClone());
        }
        Add(FleetQueries.RegistriesName, index.AddRegistry);
        Add(FleetQueries.RegistryChildrenName, index.AddRegistryChild);
        Add(FleetQueries.PrivateEndpointsName, index.AddPrivateEndpoint);
        Add(FleetQueries.SubnetsName, index.AddSubnet);
        Add(FleetQueries.NetworkSecurityGroupsName, index.AddResource);
        Add(FleetQueries.PrivateDnsZonesName, index.AddPrivateDns);
        Add(FleetQueries.ARecordSetsName, index.AddPrivateDns);
        return index;
    }

    private RegistryView Registry(FleetIndex index, FleetFault fault)
    {
        var id = _fleet.Registries.First(r => r.Fault == fault).Id;
        return new RegistryView(index.Registries.Select(r => r.Thaw()).Single(r => ResourceId.AreEqual(r.Value<string>("id"), id)));
    }

    private string Subscription => _fleet.Subscriptions[0];

    private string HubVnetId => $"/subscriptions/{Subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub";

    [Fact]
    public void ZoneLinkedToTheEndpointsVnet_LeftOut_NamingTheZoneThatAnswers()
    {
        var index = Index();
        var registry = Registry(index, FleetFault.RecordMissing);

        var skips = ZoneGroupNeed.NotNeeded(index, registry, "azurecr.io");

        var (peId, skip) = Assert.Single(skips!);
        Assert.Equal(registry.PrivateEndpointConnections.Single().PrivateEndpointId, peId);
        Assert.Equal(FleetGenerator.ZoneId(Subscription), skip.AnsweringZoneId);
        Assert.Equal("vnet-hub, the endpoint's VNet, uses Azure-provided DNS and privatelink.azurecr.io (rg-net) is linked to it: " +
                     "that zone answers there whatever the endpoint's DNS zone groups name", skip.Reason);
    }

    [Fact]
    public void ZoneNotLinkedToTheEndpointsVnet_Read()
    {
        var index = Index();

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.ZoneNotLinked), "azurecr.io"));
    }

    [Fact]
    public void VnetUsesCustomDnsServers_Read()
    {
        var index = Index();
        index.Resource(HubVnetId)!["properties"]!["dhcpOptions"] = new JObject { ["dnsServers"] = new JArray("10.1.0.4") };

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Fact]
    public void VnetNamesAzureDnsItself_StillAzureProvided_LeftOut()
    {
        var index = Index();
        index.Resource(HubVnetId)!["properties"]!["dhcpOptions"] = new JObject { ["dnsServers"] = new JArray("168.63.129.16") };

        Assert.NotNull(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Theory]
    [InlineData(FleetQueries.PrivateDnsZonesName)]
    [InlineData(FleetQueries.ARecordSetsName)]
    [InlineData(FleetQueries.PrivateEndpointsName)]
    [InlineData(FleetQueries.SubnetsName)]
    public void AQueryItDependsOnFailed_Read(string query)
    {
        var index = Index();
        index.FailedQueries[query] = new CollectionError { Read = query, Status = 500, ErrorCode = "InternalServerError", Message = "failed" };

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Fact]
    public void ZoneListNotRead_NoZoneKnown_Read()
    {
        // The zones query brought nothing for this subscription: no link is known, so nothing may be left out.
        var index = Index(FleetQueries.PrivateDnsZonesName, FleetQueries.ARecordSetsName);

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Fact]
    public void EndpointsSubscriptionRefused_Read()
    {
        var index = Index();
        index.UnreadableSubscriptions[Subscription] = new CollectionError { Read = "subscription", Status = 403, ErrorCode = "AuthorizationFailed" };

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Fact]
    public void RegionalZoneThatCouldShadowARecord_Read()
    {
        var index = Index();
        var regional = $"/subscriptions/{Subscription}/resourceGroups/rg-net/providers/Microsoft.Network/privateDnsZones/eastus.data.privatelink.azurecr.io";
        index.AddPrivateDns(new JObject { ["id"] = regional, ["name"] = "eastus.data.privatelink.azurecr.io", ["type"] = "microsoft.network/privatednszones" });

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.RecordMissing), "azurecr.io"));
    }

    [Fact]
    public void EndpointNotInTheResults_Read()
    {
        var withoutIt = Index(FleetQueries.PrivateEndpointsName);
        var registry = Registry(withoutIt, FleetFault.RecordMissing);

        Assert.Null(withoutIt.Resource(registry.PrivateEndpointConnections.Single().PrivateEndpointId));
        Assert.Null(ZoneGroupNeed.NotNeeded(withoutIt, registry, "azurecr.io"));
    }

    [Fact]
    public void OneOfTheRegistrysEndpointsInAnUnlinkedVnet_AllItsGroupsRead()
    {
        // What one endpoint's groups name may be what answers in another endpoint's VNet: all of a registry's groups or none.
        var index = Index();
        var linked = Registry(index, FleetFault.RecordMissing);
        var unlinked = Registry(index, FleetFault.ZoneNotLinked);
        var both = (JObject)linked.Document.DeepClone();
        ((JArray)both["properties"]!["privateEndpointConnections"]!).Add(((JArray)unlinked.Document["properties"]!["privateEndpointConnections"]!)[0].DeepClone());

        Assert.NotNull(ZoneGroupNeed.NotNeeded(index, linked, "azurecr.io"));
        Assert.Equal(2, new RegistryView(both).PrivateEndpointConnections.Count(c => c.IsApproved));
        Assert.Null(ZoneGroupNeed.NotNeeded(index, new RegistryView(both), "azurecr.io"));
    }

    [Fact]
    public void ZoneOfAnotherSubscriptionLinked_LeftOut_AndThatZoneComesIntoTheBundle()
    {
        // A hub-and-spoke layout: the endpoint's VNet is linked to a zone kept in another (connectivity) subscription only.
        var fleet = FleetGenerator.Generate(16, subscriptions: 2);
        var index = IndexOf(fleet);
        var registry = fleet.Registries.First(r => r.Fault == FleetFault.RecordMissing);
        var (own, other) = (FleetGenerator.ZoneId(registry.Subscription), FleetGenerator.ZoneId(fleet.Subscriptions.Single(s => s != registry.Subscription)));
        var hub = $"/subscriptions/{registry.Subscription}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub";
        index.Lists[ArmPaths.VirtualNetworkLinks(own)].Clear();
        index.AddPrivateDns(new JObject
        {
            ["id"] = $"{other}/virtualNetworkLinks/link-spoke-hub", ["name"] = "link-spoke-hub", ["type"] = "microsoft.network/privatednszones/virtualnetworklinks",
            ["properties"] = new JObject { ["virtualNetwork"] = new JObject { ["id"] = hub }, ["resolutionPolicy"] = "Default" },
        });
        var frozen = index.Registries.Single(r => ResourceId.AreEqual(r.Thaw().Value<string>("id"), registry.Id));
        var view = new RegistryView(frozen.Thaw());

        var (peId, skip) = Assert.Single(ZoneGroupNeed.NotNeeded(index, view, "azurecr.io")!);
        index.ZoneGroupsNotNeeded[ArmPaths.PrivateDnsZoneGroups(peId)] = skip;
        var bundle = new FleetBundleAssembler(index, new FleetScanOptions(), DateTimeOffset.UnixEpoch).Assemble(frozen);

        Assert.Equal(other, skip.AnsweringZoneId);
        Assert.Contains(other, bundle.Arm!.Resources.Keys);
        Assert.Contains($"{other}/virtualNetworkLinks/link-spoke-hub", bundle.Arm.Lists[ArmPaths.VirtualNetworkLinks(other)]);
        Assert.True(bundle.Arm.Lists.ContainsKey(ArmPaths.ARecordSets(other)));
        // The endpoint's own subscription's zone, no longer linked there, comes with its links and records too.
        Assert.Empty(bundle.Arm.Lists[ArmPaths.VirtualNetworkLinks(own)]);
        Assert.NotNull(bundle.Arm.SkippedReads![ArmPaths.PrivateDnsZoneGroups(peId)]);
        // The linked zone answers, and it holds no record of this registry (its records are in the unlinked zone).
        Assert.Contains(AcrNetCheck.Core.Reporting.Analyzer.Analyze(bundle).Findings,
            f => f.Id == "vnet.private-dns-record-missing" && f.Subject == $"{registry.Name}.azurecr.io");
    }

    [Fact]
    public void NoApprovedEndpoint_NothingToLeaveOut()
    {
        var index = Index();

        Assert.Null(ZoneGroupNeed.NotNeeded(index, Registry(index, FleetFault.PendingEndpoint), "azurecr.io"));
    }
}
