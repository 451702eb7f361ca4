using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateEndpointNsgDeniesInboundRuleTests
{
    private readonly PrivateEndpointNsgDeniesInboundRule _rule = new();

    /// <summary>A private endpoint in vnet-hub/snet-pe whose NSG has <paramref name="rules"/>; the client in vnet-app/snet-client (10.2.0.0/24), peered.</summary>
    private static EvidenceBuilder Scenario(string policies, params NsgRule[] rules) =>
        EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .Nsg("nsg-pe", rules)
            .VirtualNetwork("vnet-hub").Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", nsgId: EvidenceBuilder.NsgId("nsg-pe"))
            .SubnetProperty("vnet-hub", "snet-pe", "privateEndpointNetworkPolicies", policies)
            .ClientSubnet("vnet-app", "snet-client", "10.2.0.0/24").Peering("vnet-app", "vnet-hub", "10.1.0.0/16").Peering("vnet-hub", "vnet-app", "10.2.0.0/16");

    private static readonly NsgRule DenyClients = new("DenyAppSubnet", 200, "Deny", "*", Source: "10.2.0.0/24", Direction: "Inbound");

    [Theory]
    [InlineData("Enabled")]
    [InlineData("NetworkSecurityGroupEnabled")]
    public void PoliciesEnabledAndNsgDeniesTheClientSubnet_Diagnostic(string policies)
    {
        var evidence = Scenario(policies, DenyClients).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.StartsWith($"{EvidenceBuilder.NsgId("nsg-pe")}/securityRules/DenyAppSubnet", finding.Subject);
        Assert.Contains("rule DenyAppSubnet (priority 200, Deny) is the first inbound rule matching TCP 443 from subnet snet-client", finding.Message);
        Assert.Contains("10.1.0.4", finding.Message);
        Assert.Equal(("properties.securityRules[name=DenyAppSubnet].properties.access", "Deny", "Allow"), (finding.Evidence[0].Path, finding.Evidence[0].Observed, finding.Evidence[0].Expected));
        Assert.Contains("--direction Inbound", finding.Fix[0]);
        Assert.Contains("--source-address-prefixes 10.2.0.0/24", finding.Fix[0]);
        Assert.Equal(Severity.Error, _rule.Descriptor.Severity);
    }

    [Fact]
    public void AllowBeforeTheDeny_NoDiagnostic()
    {
        var allow = new NsgRule("AllowAppSubnet", 100, "Allow", "*", Source: "10.2.0.0/24", Direction: "Inbound");

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(Scenario("Enabled", allow, DenyClients).View()).Outcome);
    }

    [Fact]
    public void DefaultRulesOnly_PeeredClientIsVirtualNetwork_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(Scenario("Enabled").View()).Outcome);
    }

    [Fact]
    public void PoliciesDisabled_NsgIgnored_NoDiagnostic()
    {
        var result = _rule.Evaluate(Scenario("Disabled", DenyClients).View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains("no NSG filters", result.Reason);
    }

    [Fact]
    public void NoClientSubnet_Skipped()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().View();

        Assert.Equal("needs:vantage.subnetId (the client's subnet: --from)", _rule.Evaluate(evidence).Reason);
    }

    [Fact]
    public void NsgNotRead_Skipped()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .VirtualNetwork("vnet-hub").Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", nsgId: EvidenceBuilder.NsgId("nsg-pe"))
            .SubnetProperty("vnet-hub", "snet-pe", "privateEndpointNetworkPolicies", "Enabled").ClientSubnet();

        Assert.Equal($"needs:arm.resources[{EvidenceBuilder.NsgId("nsg-pe")}]", _rule.Evaluate(b.View()).Reason);
    }
}
