using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateDnsZoneNotLinkedRuleTests
{
    private readonly PrivateDnsZoneNotLinkedRule _rule = new();
    private static readonly string SpokeSubnet = EvidenceBuilder.SubnetId("vnet-spoke", "snet-app");

    [Fact]
    public void ClientVnetNotLinked_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(EvidenceBuilder.VnetId("vnet-spoke"), finding.Subject);
        Assert.Contains("vnet-spoke is not linked to privatelink.azurecr.io (rg-network)", finding.Message);
        Assert.Equal("vnet-hub", finding.Evidence[0].Observed);
        Assert.Equal(b.ZoneId(), finding.Evidence[0].Source);
        Assert.Contains("--virtual-network " + EvidenceBuilder.VnetId("vnet-spoke"), Assert.Single(finding.Fix));
    }

    [Fact]
    public void SecondSourceSubnetsVnetNotLinked_DiagnosticForThatVnetOnly()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns()
            .SourceSubnets("aks", "aks-id", EvidenceBuilder.SubnetId("vnet-hub", "snet-build"), SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(EvidenceBuilder.VnetId("vnet-spoke"), finding.Subject);
    }

    [Fact]
    public void EndpointVnetNotLinked_DiagnosticWithoutVantage()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"));
        b.Zone().ZoneGroup("pe-contoso", b.ZoneId());

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(EvidenceBuilder.VnetId("vnet-hub"), finding.Subject);
        Assert.Equal("none", finding.Evidence[0].Observed);
    }

    [Fact]
    public void ClientInLinkedVnet_NoDiagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: EvidenceBuilder.SubnetId("vnet-hub", "snet-app"));

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void SpokeResolvingThroughUnpeeredDnsServer_SkippedNamingTheServer()
    {
        // 10.1.0.68 lies in vnet-hub's range, but the spoke is not peered to it: where those servers resolve is not in ARM.
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16", dnsServers: ["10.1.0.68"]);

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:", result.Reason);
        Assert.Contains("10.1.0.68", result.Reason);
    }

    [Fact]
    public void SpokeResolvingThroughDnsServerInPeeredLinkedHub_NoDiagnostic()
    {
        // The spoke's DNS server sits in the peered hub, which is linked: the hub's links decide, not the spoke's.
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16", dnsServers: ["10.1.0.68"]).Peering("vnet-spoke", "vnet-hub", "10.1.0.0/16");

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void DnsServerInsideTheUnlinkedVnet_StillDiagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16", dnsServers: ["10.2.0.4"]);

        Assert.Equal(RuleOutcome.Failed, _rule.Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void LinksNotRead_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Vantage(VantageKind.AzureVm, subnetId: SpokeSubnet)
            .VirtualNetwork("vnet-spoke", "10.2.0.0/16");
        b.WithoutList(ArmPaths.VirtualNetworkLinks(b.ZoneId()));

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.lists[{ArmPaths.VirtualNetworkLinks(b.ZoneId())}]", result.Reason);
    }

    [Fact]
    public void NoZoneInZoneGroups_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe")).ZoneGroup().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
