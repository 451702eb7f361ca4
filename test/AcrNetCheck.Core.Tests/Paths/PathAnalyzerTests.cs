using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;
using B = AcrNetCheck.Core.Tests.Support.EvidenceBuilder;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>Each scenario of issue 6 on minimal evidence: the verdict, the step that decides it, and the rule that names the cause.</summary>
public class PathAnalyzerTests
{
    private const string Login = "contoso.azurecr.io";
    private const string OtherSubscription = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
    private static readonly string ClientNsg = B.NsgId("nsg-aks");

    /// <summary>A registry reachable only through its private endpoint in the hub; the client in subnet aks-nodes of vnet-spoke.</summary>
    private static B PrivateRegistry(string? skipRecordsFor = null, string? nsgId = null, string? routeTableId = null) =>
        B.Create().Registry().PublicAccessDisabled().HubPrivateEndpoint(skipRecordsFor)
            .ClientSubnet("vnet-spoke", "aks-nodes", "10.2.0.0/22", "10.2.0.0/16", nsgId: nsgId, routeTableId: routeTableId)
            .Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16");  // hub and spoke: the spoke reaches the hub's private endpoint

    /// <summary>A public registry with its eastus service tag; the client in subnet aks-nodes.</summary>
    private static B PublicRegistry(string? nsgId = null, string? routeTableId = null, string[]? serviceEndpoints = null) =>
        B.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22", "20.62.128.0/26")
            .ClientSubnet("vnet-spoke", "aks-nodes", "10.2.0.0/22", "10.2.0.0/16", nsgId: nsgId, routeTableId: routeTableId, serviceEndpoints: serviceEndpoints);

    private static ReachabilityPath PathTo(IEnumerable<ReachabilityPath> paths, string host) => Assert.Single(paths, p => p.Destination == host);

    private static PathStep StepOf(ReachabilityPath path, string step) => Assert.Single(path.Steps, s => s.Step == step);

    private static void AssertRuleFires(B builder, Rule rule)
    {
        var result = rule.Evaluate(builder.View());
        Assert.Equal(RuleOutcome.Failed, result.Outcome);
    }

    [Fact]
    public void ZoneLinkedToThisVnet_AllowedByNsg_ReachableInOneLine()
    {
        var b = PrivateRegistry(nsgId: ClientNsg).Nsg("nsg-aks", new NsgRule("AllowAcr", 200, "Allow", "10.1.0.0/27")).ZoneLink(B.VnetId("vnet-spoke"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Reachable, path.Verdict);
        Assert.Equal("subnet aks-nodes → contoso.azurecr.io: DNS private 10.1.0.4 ✓ · NSG allow (rule 'AllowAcr' 200) ✓ · route private endpoint ✓ · " +
                     "access private endpoint ✓ · verdict reachable", path.Summary);
        var nsg = Assert.IsType<NsgStep>(StepOf(path, PathStep.Nsg));
        Assert.Equal(("AllowAcr", 200, "Allow"), (nsg.Matches[0].RuleName, nsg.Matches[0].Priority, nsg.Matches[0].Access));
    }

    [Fact]
    public void ZoneNotLinkedToTheClientVnet_BlockedAtDns_NotLinkedRule()
    {
        var b = PrivateRegistry();

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Blocked, path.Verdict);
        Assert.Equal(PathStep.Dns, path.BlockedAt);
        Assert.Equal("vnet.private-dns-zone-not-linked", path.RuleId);
        var dns = Assert.IsType<DnsStep>(StepOf(path, PathStep.Dns));
        Assert.Equal("public", dns.Answer);
        Assert.Contains("not linked to vnet-spoke", dns.Detail);
        Assert.Equal("public.access-disabled", StepOf(path, PathStep.Access).RuleId);
        AssertRuleFires(b, new PrivateDnsZoneNotLinkedRule());
    }

    [Fact]
    public void ZoneLinkedButOneReplicasDataRecordMissing_OnlyThatDataEndpointBlocked()
    {
        var b = B.Create().Registry().PublicAccessDisabled().Replica("westeurope").DataEndpoints().HubPrivateEndpoint(skipRecordsFor: "westeurope")
            .ClientSubnet("vnet-hub", "snet-build", "10.1.1.0/24", "10.1.0.0/16");
        var paths = b.Paths();

        Assert.Equal(PathVerdict.Reachable, PathTo(paths, Login).Verdict);
        Assert.Equal(PathVerdict.Reachable, PathTo(paths, "contoso.eastus.data.azurecr.io").Verdict);
        var replica = PathTo(paths, "contoso.westeurope.data.azurecr.io");
        Assert.Equal(PathVerdict.Blocked, replica.Verdict);
        Assert.Equal("vnet.private-dns-record-missing", replica.RuleId);
        Assert.Equal("nxdomain", Assert.IsType<DnsStep>(Assert.Single(replica.Steps)).Answer);
        Assert.Contains("DNS NXDOMAIN (no record 'contoso.westeurope.data')", replica.Summary);
        AssertRuleFires(b, new PrivateDnsRecordMissingRule());
    }

    [Fact]
    public void RegionalZoneLinkedToTheClientVnet_ShadowsTheDataEndpoint()
    {
        var b = PrivateRegistry().ZoneLink(B.VnetId("vnet-spoke"))
            .Zone("eastus.data.privatelink.azurecr.io").ZoneLink(B.VnetId("vnet-spoke"), "eastus.data.privatelink.azurecr.io");
        var paths = b.Paths();

        Assert.Equal(PathVerdict.Reachable, PathTo(paths, Login).Verdict);
        var data = PathTo(paths, "contoso.eastus.data.azurecr.io");
        Assert.Equal((PathVerdict.Blocked, "vnet.private-dns-zone-shadowed"), (data.Verdict, data.RuleId));
        Assert.Equal(b.ZoneId("eastus.data.privatelink.azurecr.io"), Assert.IsType<DnsStep>(Assert.Single(data.Steps)).ZoneId);
        AssertRuleFires(b, new PrivateDnsZoneShadowedRule());
    }

    [Fact]
    public void CustomDnsServersOutsideAnyKnownVnet_UnknownSayingForwardingIsNeeded()
    {
        var b = PrivateRegistry().VirtualNetwork("vnet-spoke", "10.2.0.0/16", dnsServers: ["192.168.10.4"]).Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16");

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Unknown, path.Verdict);
        var dns = Assert.IsType<DnsStep>(StepOf(path, PathStep.Dns));
        Assert.Equal(("custom", StepStatus.Unknown), (dns.Resolver, dns.Status));
        Assert.Contains("168.63.129.16", dns.Needs?.ToString());
        Assert.Contains("not visible in ARM", Assert.Single(path.Missing));
        // The rest of the path is weighed for the answer the servers should give: the private endpoint.
        Assert.Equal("route private endpoint ✓", StepOf(path, PathStep.Route).Summary);
    }

    [Fact]
    public void CustomDnsServerInAPeeredHubLinkedToTheZone_PrivateAnswerUnderAStatedAssumption()
    {
        var b = PrivateRegistry().VirtualNetwork("vnet-spoke", "10.2.0.0/16", dnsServers: ["10.1.0.100"]).Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16");

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Reachable, path.Verdict);
        var dns = Assert.IsType<DnsStep>(StepOf(path, PathStep.Dns));
        Assert.Equal((StepStatus.Warning, "private", "10.1.0.4"), (dns.Status, dns.Answer, dns.Address));
        Assert.Equal(B.VnetId("vnet-hub"), dns.ResolvingVirtualNetworkId);
        Assert.Contains("10.1.0.100 (in vnet-hub) forwards privatelink.azurecr.io to Azure DNS (168.63.129.16)", Assert.Single(dns.Assumptions));
    }

    [Fact]
    public void NsgDenies443AtPriority100BeforeAllowAt200_BlockedAtNsgNamingTheDenyRule()
    {
        var b = PublicRegistry(nsgId: ClientNsg).Nsg("nsg-aks",
            new NsgRule("AllowAcr", 200, "Allow", "AzureContainerRegistry"), new NsgRule("DenyHttps", 100, "Deny", "*"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, PathStep.Nsg, "vnet.nsg-denies-outbound"), (path.Verdict, path.BlockedAt, path.RuleId));
        Assert.Equal("NSG deny (rule 'DenyHttps' 100) ✗", StepOf(path, PathStep.Nsg).Summary);
        Assert.Equal("properties.securityRules[name=DenyHttps].properties.access", StepOf(path, PathStep.Nsg).Evidence[0].Path);
        AssertRuleFires(b, new NsgDeniesOutboundRule());
    }

    [Fact]
    public void NsgAllowsOnlyTheRegistryTag_PrivateEndpointAddressFallsToTheLaterDeny()
    {
        var b = PrivateRegistry(nsgId: ClientNsg).ZoneLink(B.VnetId("vnet-spoke")).Nsg("nsg-aks",
            new NsgRule("AllowAcr", 200, "Allow", "AzureContainerRegistry"), new NsgRule("DenyAllOut", 300, "Deny", "*", Port: "*", Protocol: "*"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, PathStep.Nsg), (path.Verdict, path.BlockedAt));
        var nsg = Assert.IsType<NsgStep>(StepOf(path, PathStep.Nsg));
        Assert.Equal(("10.1.0.4", "DenyAllOut", 300), (nsg.Destination, nsg.Matches[0].RuleName, nsg.Matches[0].Priority));
        AssertRuleFires(b, new NsgDeniesOutboundRule());
    }

    [Fact]
    public void NsgRuleWithApplicationSecurityGroup_NotEvaluated()
    {
        var b = PublicRegistry(nsgId: ClientNsg).Nsg("nsg-aks", new NsgRule("AllowAcrFromAsg", 100, "Allow", "AzureContainerRegistry"))
            .WithNsgRule("nsg-aks", "AllowAcrFromAsg", p =>
            {
                p.Remove("sourceAddressPrefix");
                p["sourceApplicationSecurityGroups"] = new Newtonsoft.Json.Linq.JArray(new Newtonsoft.Json.Linq.JObject { ["id"] = "/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/applicationSecurityGroups/asg-aks" });
            });

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Unknown, path.Verdict);
        Assert.Equal("NSG not evaluated (rule 'AllowAcrFromAsg' 100 uses an application security group) ?", StepOf(path, PathStep.Nsg).Summary);
    }

    [Fact]
    public void DefaultRouteToFirewall_NamesTheNextHopAndEveryFqdnToAllow()
    {
        var b = PublicRegistry(routeTableId: B.RouteTableId("rt-aks")).DataEndpoints()
            .RouteTable("rt-aks", ("to-firewall", "0.0.0.0/0", "VirtualAppliance", "10.0.0.4"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Unknown, "vnet.egress-via-firewall"), (path.Verdict, path.RuleId));
        var route = Assert.IsType<RouteStep>(StepOf(path, PathStep.Route));
        Assert.Equal(("route firewall 10.0.0.4 ⚠", "to-firewall", "10.0.0.4"), (route.Summary, route.RouteName, route.NextHopIpAddress));
        Assert.Contains("contoso.azurecr.io, contoso.eastus.data.azurecr.io", Assert.Single(path.Missing));
        AssertRuleFires(b, new EgressViaFirewallRule());
    }

    [Fact]
    public void RouteDroppingTheRegistryPrefix_BlockedAtRoute()
    {
        var b = PublicRegistry(routeTableId: B.RouteTableId("rt-aks")).RouteTable("rt-aks", ("blackhole", "20.42.64.0/22", "None", null));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, PathStep.Route), (path.Verdict, path.BlockedAt));
    }

    [Fact]
    public void ServiceEndpointWithoutVnetRule_BlockedAtAccess()
    {
        var b = PublicRegistry(serviceEndpoints: ["Microsoft.ContainerRegistry"]).DefaultDeny().VnetRule(B.SubnetId("vnet-spoke", "snet-legacy"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, PathStep.Access, "vnet.service-endpoint-rule-missing"), (path.Verdict, path.BlockedAt, path.RuleId));
        AssertRuleFires(b, new ServiceEndpointRuleMissingRule());
    }

    [Fact]
    public void VnetRuleWithoutServiceEndpoint_BlockedAtAccess()
    {
        var b = PublicRegistry().DefaultDeny().VnetRule(B.SubnetId("vnet-spoke", "aks-nodes"));

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, PathStep.Access, "vnet.subnet-missing-service-endpoint"), (path.Verdict, path.BlockedAt, path.RuleId));
        AssertRuleFires(b, new SubnetMissingServiceEndpointRule());
    }

    [Fact]
    public void ServiceEndpointAndVnetRule_Reachable()
    {
        var b = PublicRegistry(serviceEndpoints: ["Microsoft.ContainerRegistry"]).DefaultDeny().VnetRule(B.SubnetId("vnet-spoke", "aks-nodes"));

        Assert.Equal("access VNet rule ✓", StepOf(PathTo(b.Paths(), Login), PathStep.Access).Summary);
    }

    [Fact]
    public void SubnetInAnotherSubscriptionWithoutTheProvider_BlockedAtAccess()
    {
        var subnet = B.SubnetId("vnet-apps", "snet-apps", OtherSubscription);
        var b = B.Create().Registry().DefaultDeny().VnetRule(subnet)
            .ClientSubnet("vnet-apps", "snet-apps", "10.3.0.0/24", "10.3.0.0/16", serviceEndpoints: ["Microsoft.ContainerRegistry"], subscription: OtherSubscription)
            .Provider(OtherSubscription, "NotRegistered");

        var path = PathTo(b.Paths(), Login);

        Assert.Equal((PathVerdict.Blocked, "vnet.provider-not-registered"), (path.Verdict, path.RuleId));
        Assert.Equal($"/subscriptions/{OtherSubscription}/providers/Microsoft.ContainerRegistry", StepOf(path, PathStep.Access).Evidence[0].Source);
        AssertRuleFires(b, new ProviderNotRegisteredRule());
    }

    [Fact]
    public void SubnetInAnotherSubscriptionWhoseProviderWasNotRead_UnknownNamingTheRead()
    {
        var b = B.Create().Registry().DefaultDeny().VnetRule(B.SubnetId("vnet-apps", "snet-apps", OtherSubscription))
            .ClientSubnet("vnet-apps", "snet-apps", "10.3.0.0/24", "10.3.0.0/16", serviceEndpoints: ["Microsoft.ContainerRegistry"], subscription: OtherSubscription);

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Unknown, path.Verdict);
        Assert.Equal($"needs:arm.resources[/subscriptions/{OtherSubscription}/providers/Microsoft.ContainerRegistry]", Assert.Single(path.Missing));
    }

    [Fact]
    public void SubnetInAnotherSubscriptionThanTheRegistry_JudgedFromBothSubscriptions()
    {
        var spoke = B.VnetId("vnet-apps", OtherSubscription);
        var b = B.Create().Registry().PublicAccessDisabled().HubPrivateEndpoint()
            .ClientSubnet("vnet-apps", "snet-apps", "10.3.0.0/24", "10.3.0.0/16", subscription: OtherSubscription).ZoneLink(spoke)
            .Peering("vnet-apps", "vnet-hub", "10.1.0.0/16", OtherSubscription);

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Reachable, path.Verdict);
        Assert.Equal(B.SubnetId("vnet-apps", "snet-apps", OtherSubscription), Assert.Single(path.SourceSubnetIds));
        Assert.Equal(spoke, Assert.IsType<DnsStep>(StepOf(path, PathStep.Dns)).ResolvingVirtualNetworkId);
    }

    [Fact]
    public void SeveralSubnetsOfAVnet_IdenticalOnesGrouped()
    {
        var b = PublicRegistry().Nsg("nsg-aks", new NsgRule("DenyHttps", 100, "Deny", "*"))
            .Subnet("vnet-spoke", "pool-b", "10.2.4.0/22").Subnet("vnet-spoke", "pool-c", "10.2.8.0/22", nsgId: ClientNsg)
            .SourceSubnets("vnet", B.VnetId("vnet-spoke"), B.SubnetId("vnet-spoke", "aks-nodes"), B.SubnetId("vnet-spoke", "pool-b"), B.SubnetId("vnet-spoke", "pool-c"));

        var paths = b.Paths().Where(p => p.Destination == Login).ToList();

        Assert.Equal(2, paths.Count);
        Assert.Equal(["aks-nodes", "pool-b"], paths[0].Sources);
        Assert.StartsWith("subnets aks-nodes, pool-b → contoso.azurecr.io: DNS public ✓ · NSG none ✓", paths[0].Summary);
        Assert.Equal(["pool-c"], paths[1].Sources);
        Assert.Equal(PathVerdict.Blocked, paths[1].Verdict);
    }

    [Fact]
    public void SourceSubnetNotRead_UnknownNamingThePermission()
    {
        var subnet = B.SubnetId("vnet-spoke", "aks-nodes");
        var b = PublicRegistry().WithoutResource(subnet)
            .CollectionError("subnet", subnet, 403, "AuthorizationFailed", "Microsoft.Network/virtualNetworks/subnets/read");

        var path = PathTo(b.Paths(), Login);

        Assert.Equal(PathVerdict.Unknown, path.Verdict);
        Assert.Contains("Microsoft.Network/virtualNetworks/subnets/read", Assert.Single(path.Missing));
    }

    [Fact]
    public void NoSourceSubnet_NoPaths()
    {
        Assert.Empty(B.Create().Registry().Vantage(VantageKind.Local).Paths());
    }
}
