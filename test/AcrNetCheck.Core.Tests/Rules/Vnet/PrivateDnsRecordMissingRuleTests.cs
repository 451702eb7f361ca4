using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateDnsRecordMissingRuleTests
{
    private readonly PrivateDnsRecordMissingRule _rule = new();

    [Fact]
    public void ReplicaDataRecordMissing_Diagnostic()
    {
        // NIC addresses: login server 10.1.0.4, eastus data 10.1.0.5, westeurope data 10.1.0.6.
        var b = EvidenceBuilder.Create().Registry().Replica("westeurope").PrivateEndpointWithDns().WithoutRecord("contoso.westeurope.data");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.Contains("no A record 'contoso.westeurope.data'", finding.Message);
        Assert.Contains("expected the private endpoint's 10.1.0.6", finding.Message);
        Assert.Equal("absent", finding.Evidence[0].Observed);
        Assert.EndsWith("[name=contoso.westeurope.data]", finding.Evidence[0].Path);
        Assert.Equal("az network private-dns record-set a add-record -g rg-network -z privatelink.azurecr.io -n contoso.westeurope.data -a 10.1.0.6",
            Assert.Single(finding.Fix));
    }

    [Fact]
    public void LoginServerRecordMissing_DiagnosticForLoginServerOnly()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().WithoutRecord("contoso");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("(login server)", finding.Message);
    }

    [Fact]
    public void ReplicaTheEndpointDoesNotCover_LeftToTheCoverageRule()
    {
        // No address on the endpoint means nothing to put in the record: the DNS hop names the endpoint's coverage as the
        // cause, and this rule does not add a fix whose address cannot be filled in.
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Replica("westeurope");

        Assert.Empty(_rule.Evaluate(b.View()).Findings);
        var cause = Assert.Single(new GeoReplicaNotCoveredRule().Evaluate(b.View()).Findings);
        Assert.Equal("contoso.westeurope.data.azurecr.io", cause.Subject);
    }

    [Fact]
    public void HandKeptZoneLacksReplicaRecord_NamesItWithTheEndpointsAddress()
    {
        // No zone group: the zone is found by name and link, and its records checked against the endpoint's NIC addresses.
        var b = EvidenceBuilder.Create().Registry().Replica("westeurope").PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe")).ZoneGroup()
            .Zone().ZoneLink(EvidenceBuilder.VnetId("vnet-hub")).ARecord("contoso", "10.1.0.4").ARecord("contoso.eastus.data", "10.1.0.5");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.Contains("kept by hand", finding.Message);
        Assert.Equal("az network private-dns record-set a add-record -g rg-network -z privatelink.azurecr.io -n contoso.westeurope.data -a 10.1.0.6",
            Assert.Single(finding.Fix));
        Assert.NotEqual(RuleOutcome.Failed, new PrivateDnsZoneMissingRule().Evaluate(b.View()).Outcome);
    }

    [Fact]
    public void AllRecordsPresent_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().Replica("westeurope").PrivateEndpointWithDns().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void RecordListReadFailed_SkippedWithPermission()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns();
        b.WithoutList(ArmPaths.ARecordSets(b.ZoneId()))
            .CollectionError("privateDnsRecordSets", ArmPaths.ARecordSets(b.ZoneId()), 403, "AuthorizationFailed", "Microsoft.Network/privateDnsZones/A/read");

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("Microsoft.Network/privateDnsZones/A/read", result.Reason);
    }
}
