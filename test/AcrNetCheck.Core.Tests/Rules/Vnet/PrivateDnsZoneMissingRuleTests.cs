using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateDnsZoneMissingRuleTests
{
    private readonly PrivateDnsZoneMissingRule _rule = new();
    private static readonly string Subnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    [Fact]
    public void EndpointWithoutZoneGroup_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet).ZoneGroup();

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal(b.PrivateEndpointId(), finding.Subject);
        Assert.Contains("pe-contoso", finding.Message);
        Assert.Contains("no DNS zone group", finding.Message);
        Assert.Equal("none", finding.Evidence[0].Observed);
        Assert.Equal("privatelink.azurecr.io", finding.Evidence[0].Expected);
        Assert.Contains(finding.Fix, f => f.StartsWith("az network private-dns zone create -g rg-network -n privatelink.azurecr.io"));
        Assert.Contains(finding.Fix, f => f.Contains("--virtual-network " + EvidenceBuilder.VnetId("vnet-hub")));
    }

    [Fact]
    public void ZoneGroupPointsAtAnotherZone_DiagnosticNamesIt()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet);
        b.ZoneGroup("pe-contoso", b.ZoneId("privatelink.blob.core.windows.net"));

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Contains("privatelink.blob.core.windows.net", finding.Message);
    }

    [Fact]
    public void ZoneKeptByHandWithoutZoneGroup_NotMissingButNamedUnlinked()
    {
        // A privatelink.azurecr.io zone no zone group names still answers wherever it is linked: it is not "missing".
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet).Zone().ZoneGroup();

        Assert.NotEqual(RuleOutcome.Failed, _rule.Evaluate(b.View()).Outcome);
        var unlinked = Assert.Single(new PrivateDnsZoneNotLinkedRule().Evaluate(b.View()).Findings);
        Assert.Contains("privatelink.azurecr.io (rg-network)", unlinked.Message);
        Assert.StartsWith("az network private-dns link vnet create -g rg-network --zone-name privatelink.azurecr.io", Assert.Single(unlinked.Fix));
    }

    [Fact]
    public void ZoneGroupOnPrivatelinkZone_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().View()).Outcome);
    }

    [Fact]
    public void ZoneGroupsReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet);
        b.CollectionError("privateDnsZoneGroups", ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId()), 403, "AuthorizationFailed",
            "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:privateDnsZoneGroups", result.Reason);
        Assert.Contains("Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read", result.Reason);
    }

    [Fact]
    public void ZoneGroupsNotRead_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.lists[", result.Reason);
        Assert.EndsWith("/privateDnsZoneGroups]", result.Reason);
    }

    [Fact]
    public void PendingEndpointOnly_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpoint(Subnet, status: "Pending").ZoneGroup().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
