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
    public void ReplicaTheEndpointDoesNotCover_FixLeavesAddressToFillIn()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().Replica("westeurope");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.EndsWith("-a <private-endpoint-ip>", Assert.Single(finding.Fix));
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
