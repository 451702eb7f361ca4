using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateDnsRecordMismatchRuleTests
{
    private readonly PrivateDnsRecordMismatchRule _rule = new();

    [Fact]
    public void StaleDataEndpointRecord_Diagnostic()
    {
        // NIC addresses: login server 10.1.0.4, eastus data 10.1.0.5.
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns()
            .WithoutRecord("contoso.eastus.data").ARecord("contoso.eastus.data", "10.1.0.9");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.eastus.data.azurecr.io", finding.Subject);
        Assert.Contains("Record contoso.eastus.data in privatelink.azurecr.io (rg-network) → 10.1.0.9 (private), expected the private endpoint's 10.1.0.5", finding.Message);
        Assert.Equal("properties.aRecords[0].ipv4Address", finding.Evidence[0].Path);
        Assert.Equal("10.1.0.9", finding.Evidence[0].Observed);
        Assert.Equal("10.1.0.5", finding.Evidence[0].Expected);
        Assert.Equal(
        [
            "az network private-dns record-set a add-record -g rg-network -z privatelink.azurecr.io -n contoso.eastus.data -a 10.1.0.5",
            "az network private-dns record-set a remove-record -g rg-network -z privatelink.azurecr.io -n contoso.eastus.data -a 10.1.0.9",
        ], finding.Fix);
    }

    [Fact]
    public void LoginServerRecordPointsPublic_DiagnosticClassifiesIt()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().WithoutRecord("contoso").ARecord("contoso", "20.42.65.1");

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("20.42.65.1 (public)", finding.Message);
    }

    [Fact]
    public void RecordsMatchEndpoint_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().PrivateEndpointWithDns().View()).Outcome);
    }

    [Fact]
    public void EndpointNotRead_SkippedNeedingIt()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns();
        b.WithoutResource(b.PrivateEndpointId());

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{b.PrivateEndpointId()}]", result.Reason);
    }

    [Fact]
    public void RecordListNotRead_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry().PrivateEndpointWithDns();
        b.WithoutList(ArmPaths.ARecordSets(b.ZoneId()));

        var result = _rule.Evaluate(b.View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.lists[", result.Reason);
    }
}
