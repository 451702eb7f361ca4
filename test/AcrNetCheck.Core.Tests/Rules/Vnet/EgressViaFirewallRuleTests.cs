using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class EgressViaFirewallRuleTests
{
    private readonly EgressViaFirewallRule _rule = new();
    private static readonly string RouteTable = EvidenceBuilder.RouteTableId("rt-app");
    private static readonly (string, string, string, string?) DefaultToFirewall = ("to-firewall", "0.0.0.0/0", "VirtualAppliance", "10.0.1.4");

    private static EvidenceBuilder PublicRegistry(params (string Name, string Prefix, string NextHopType, string? NextHopIp)[] routes) =>
        EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24", "20.62.128.0/26")
            .ClientSubnet(routeTableId: RouteTable).RouteTable("rt-app", routes);

    private static EvidenceBuilder PrivateRegistry(params (string Name, string Prefix, string NextHopType, string? NextHopIp)[] routes) =>
        EvidenceBuilder.Create().Registry()
            .VirtualNetwork("vnet-hub", "10.1.0.0/16").Subnet("vnet-hub", "snet-pe", "10.1.0.0/24")
            .PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"), firstIp: "10.1.0.4")
            .ClientSubnet(routeTableId: RouteTable).RouteTable("rt-app", routes)
            .Peering("vnet-app", "vnet-hub", "10.1.0.0/16");  // the endpoint's /32 system route reaches peered VNets only

    [Fact]
    public void DefaultRouteToFirewall_DiagnosticListsEveryFqdnToAllow()
    {
        var result = _rule.Evaluate(PublicRegistry(DefaultToFirewall).View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{RouteTable}/routes/to-firewall", finding.Subject);
        Assert.Contains("0.0.0.0/0", finding.Message);
        Assert.Contains("10.0.1.4 (private)", finding.Message);
        Assert.Contains("contoso.azurecr.io, *.blob.core.windows.net", finding.Message);
        Assert.Equal("properties.routes[name=to-firewall].properties.nextHopType", finding.Evidence[0].Path);
        Assert.Equal("VirtualAppliance", finding.Evidence[0].Observed);
        // The wildcard is quoted: unquoted, bash would expand it as a glob before az saw it.
        Assert.Contains("--source-addresses 10.2.0.0/24 --target-fqdns contoso.azurecr.io '*.blob.core.windows.net'", finding.Fix[0]);
    }

    [Fact]
    public void RouteForOneRegistryAddressToAppliance_Diagnostic()
    {
        var finding = Assert.Single(_rule.Evaluate(PublicRegistry(("acr-inspect", "20.42.66.17/32", "VirtualAppliance", "10.0.1.4")).View()).Findings);

        Assert.Equal($"{RouteTable}/routes/acr-inspect", finding.Subject);
    }

    [Fact]
    public void RegistryTagRoutedStraightOut_DefaultRouteToFirewallDoesNotCarryIt()
    {
        var evidence = PublicRegistry(DefaultToFirewall, ("acr-direct", "AzureContainerRegistry", "Internet", null)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoServiceTagsInBundle_DefaultRouteToFirewallStillCounts()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(routeTableId: RouteTable).RouteTable("rt-app", DefaultToFirewall).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("all destinations", finding.Message);
    }

    [Fact]
    public void HostRouteToPrivateEndpointViaAppliance_DiagnosticListsDataEndpoint()
    {
        var finding = Assert.Single(_rule.Evaluate(PrivateRegistry(("pe-inspect", "10.1.0.4/32", "VirtualAppliance", "10.0.1.4")).View()).Findings);

        Assert.Contains("private endpoint address 10.1.0.4", finding.Message);
        Assert.Contains("contoso.eastus.data.azurecr.io", finding.Message);
    }

    [Fact]
    public void BroadRouteToAppliance_PrivateEndpointHostRouteWins_NoDiagnostic()
    {
        var evidence = PrivateRegistry(DefaultToFirewall, ("spokes", "10.0.0.0/8", "VirtualAppliance", "10.0.1.4")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void BroadRouteWithRouteTablePoliciesOnEndpointSubnet_Diagnostic()
    {
        var evidence = PrivateRegistry(("spokes", "10.0.0.0/8", "VirtualAppliance", "10.0.1.4"))
            .SubnetProperty("vnet-hub", "snet-pe", "privateEndpointNetworkPolicies", "RouteTableEnabled").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal($"{RouteTable}/routes/spokes", finding.Subject);
    }

    [Fact]
    public void RoutesWithoutAppliance_NoDiagnostic()
    {
        var evidence = PublicRegistry(("onprem", "192.168.0.0/16", "VirtualNetworkGateway", null)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoRouteTable_Passed()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View()).Outcome);
    }

    [Fact]
    public void RouteTableReadFailed_SkippedNamingThePermission()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(routeTableId: RouteTable)
            .CollectionError("routeTable", RouteTable, 403, "AuthorizationFailed", "Microsoft.Network/routeTables/read").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("Microsoft.Network/routeTables/read", result.Reason);
    }

    [Fact]
    public void NoVantageSubnet_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:vantage.subnetId", result.Reason);
    }
}
