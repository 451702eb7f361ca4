using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateEndpointVnetNotPeeredRuleTests
{
    private readonly PrivateEndpointVnetNotPeeredRule _rule = new();

    /// <summary>The private endpoint in vnet-hub; the client in vnet-spoke, peered with the hub or not.</summary>
    private static EvidenceBuilder HubEndpointAndSpokeClient() =>
        EvidenceBuilder.Create().Registry().PublicAccessDisabled().HubPrivateEndpoint()
            .ClientSubnet("vnet-spoke", "aks-nodes", "10.2.0.0/22", "10.2.0.0/16");

    [Fact]
    public void SpokeNotPeeredWithTheEndpointsVnet_DiagnosticWithThePeeringCommand()
    {
        var result = _rule.Evaluate(HubEndpointAndSpokeClient().View());

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(EvidenceBuilder.VnetId("vnet-spoke"), finding.Subject);
        Assert.Contains("vnet-spoke is not peered with vnet-hub", finding.Message);
        Assert.StartsWith("az network vnet peering create -g rg-network --name vnet-spoke-to-vnet-hub --vnet-name vnet-spoke --remote-vnet " +
                          EvidenceBuilder.VnetId("vnet-hub"), finding.Fix[0]);
    }

    [Fact]
    public void SpokePeeredWithTheHub_NoDiagnostic()
    {
        var result = _rule.Evaluate(HubEndpointAndSpokeClient().Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16").View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void RouteToTheHubFirewall_NoDiagnostic()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().HubPrivateEndpoint()
            .ClientSubnet("vnet-spoke", "aks-nodes", "10.2.0.0/22", "10.2.0.0/16", routeTableId: EvidenceBuilder.RouteTableId("rt-spoke"))
            .RouteTable("rt-spoke", ("to-hub-firewall", "10.1.0.0/16", "VirtualAppliance", "10.0.0.4")).View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
    }

    [Fact]
    public void NoVantageSubnet_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PublicAccessDisabled().HubPrivateEndpoint().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:vantage.subnetId", result.Reason);
    }
}
