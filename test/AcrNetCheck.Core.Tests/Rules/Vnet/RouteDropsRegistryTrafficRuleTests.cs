using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class RouteDropsRegistryTrafficRuleTests
{
    private readonly RouteDropsRegistryTrafficRule _rule = new();
    private static readonly string RouteTable = EvidenceBuilder.RouteTableId("rt-app");

    private static EvidenceBuilder PublicRegistry(params (string Name, string Prefix, string NextHopType, string? NextHopIp)[] routes) =>
        EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24", "20.62.128.0/26")
            .ClientSubnet(routeTableId: RouteTable).RouteTable("rt-app", routes);

    [Fact]
    public void RouteToNoneCoveringTheRegistryTag_DiagnosticNamesTheRouteAndItsDeleteCommand()
    {
        var result = _rule.Evaluate(PublicRegistry(("blackhole", "20.42.66.0/24", "None", null)).View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{RouteTable}/routes/blackhole", finding.Subject);
        Assert.Contains("next hop None", finding.Message);
        Assert.Equal("None", finding.Evidence[0].Observed);
        Assert.Equal("az network route-table route delete -g rg-network --route-table-name rt-app -n blackhole", finding.Fix[0]);
    }

    [Fact]
    public void DroppingRouteForOtherAddresses_NoDiagnostic()
    {
        var result = _rule.Evaluate(PublicRegistry(("blackhole", "192.0.2.0/24", "None", null)).View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void NoVantageSubnet_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:vantage.subnetId", result.Reason);
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
}
