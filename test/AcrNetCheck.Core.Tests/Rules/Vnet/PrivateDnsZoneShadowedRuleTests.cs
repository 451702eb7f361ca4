using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateDnsZoneShadowedRuleTests
{
    private readonly PrivateDnsZoneShadowedRule _rule = new();
    private const string RegionalZone = "eastus.data.privatelink.azurecr.io";

    [Fact]
    public void LinkedRegionalZoneWithoutRecord_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns()
            .Zone(RegionalZone).ZoneLink(EvidenceBuilder.VnetId("vnet-hub"), zone: RegionalZone);

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(b.ZoneId(RegionalZone), finding.Subject);
        Assert.Contains("eastus.data.privatelink.azurecr.io (rg-network), linked to vnet-hub, has no A record 'contoso'", finding.Message);
        Assert.Contains("contoso.eastus.data.azurecr.io returns NXDOMAIN", finding.Message);
        Assert.Equal("absent", finding.Evidence[0].Observed);
        Assert.Contains(finding.Fix, f => f == "az network private-dns zone delete -g rg-network -n eastus.data.privatelink.azurecr.io");
    }

    [Fact]
    public void RegionalZoneNotLinkedToClientVnet_NoDiagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns()
            .Zone(RegionalZone).ZoneLink(EvidenceBuilder.VnetId("vnet-other"), zone: RegionalZone);

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void RegionalZoneHoldsRegistryRecord_NoDiagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns()
            .Zone(RegionalZone).ZoneLink(EvidenceBuilder.VnetId("vnet-hub"), zone: RegionalZone).ARecord("contoso", "10.1.0.5", zone: RegionalZone);

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void ZoneListNotRead_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns();
        b.WithoutList(ArmPaths.PrivateDnsZones(EvidenceBuilder.Subscription));

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.lists[{ArmPaths.PrivateDnsZones(EvidenceBuilder.Subscription)}]", result.Reason);
    }
}
