using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class NsgDeniesOutboundRuleTests
{
    private readonly NsgDeniesOutboundRule _rule = new();
    private static readonly string ClientNsg = EvidenceBuilder.NsgId("nsg-client");
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-pe");

    private static EvidenceBuilder WithPrivateEndpoint() =>
        EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet, firstIp: "10.2.1.4").ClientSubnet(nsgId: ClientNsg);

    [Fact]
    public void CustomDenyBeforeTheVnetRule_DiagnosticNamesNsgRuleAndPrivateEndpointAddresses()
    {
        var evidence = WithPrivateEndpoint().Nsg("nsg-client", new NsgRule("DenyAllOut", 300, "Deny", "*", Port: "*", Protocol: "*")).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{ClientNsg}/securityRules/DenyAllOut", finding.Subject);
        Assert.Contains("nsg-client", finding.Message);
        Assert.Contains("priority 300", finding.Message);
        Assert.Contains("from subnet snet-client (10.2.0.0/24)", finding.Message);
        Assert.Contains("10.2.1.4 (private)", finding.Message);
        Assert.Contains("contoso.azurecr.io", finding.Message);
        Assert.Equal("properties.securityRules[name=DenyAllOut].properties.access", finding.Evidence[0].Path);
        Assert.Equal("Deny", finding.Evidence[0].Observed);
        Assert.Contains("--priority 299", finding.Fix[0]);
        Assert.Contains("--destination-address-prefixes 10.2.1.4 10.2.1.5", finding.Fix[0]);
    }

    [Fact]
    public void PublicRegistryDeniedByServiceTagRule_DiagnosticWithTagFix()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(nsgId: ClientNsg)
            .ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .Nsg("nsg-client", new NsgRule("DenyAcr", 200, "Deny", "AzureContainerRegistry"))
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("20.42.66.0 (public)", finding.Message);
        Assert.Contains("AzureContainerRegistry.EastUS", finding.Message);
        Assert.Contains("-g rg-network --nsg-name nsg-client", finding.Fix[0]);
        Assert.Contains("--priority 199", finding.Fix[0]);
        Assert.EndsWith("--destination-address-prefixes AzureContainerRegistry", finding.Fix[0]);
    }

    [Fact]
    public void NicNsgDeniesWhileSubnetNsgAllows_DiagnosticOnTheNicNsg()
    {
        var b = WithPrivateEndpoint().Nsg("nsg-client").Nsg("nsg-nic", new NsgRule("DenyHttps", 100, "Deny", "VirtualNetwork"));
        var evidence = b.ClientNic("vm-client-nic", EvidenceBuilder.SubnetId("vnet-app", "snet-client"), "10.2.0.7", EvidenceBuilder.NsgId("nsg-nic")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal($"{EvidenceBuilder.NsgId("nsg-nic")}/securityRules/DenyHttps", finding.Subject);
        Assert.Contains("NIC vm-client-nic", finding.Message);
        Assert.Contains("from 10.2.0.7", finding.Message);
        Assert.Contains("--priority <n>", finding.Fix[0]);
    }

    [Fact]
    public void SecondSourceSubnetDenied_DiagnosticNamesItsNsg()
    {
        var clientSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-client");
        var poolSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-pool");
        var evidence = WithPrivateEndpoint().Nsg("nsg-client")
            .Nsg("nsg-pool", new NsgRule("DenyAllOut", 300, "Deny", "*", Port: "*", Protocol: "*"))
            .Subnet("vnet-app", "snet-pool", "10.2.4.0/24", nsgId: EvidenceBuilder.NsgId("nsg-pool"))
            .SourceSubnets("vnet", EvidenceBuilder.VnetId("vnet-app"), clientSubnet, poolSubnet).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal($"{EvidenceBuilder.NsgId("nsg-pool")}/securityRules/DenyAllOut", finding.Subject);
        Assert.Contains("from subnet snet-pool (10.2.4.0/24)", finding.Message);
    }

    [Fact]
    public void PublicAddressUnknownButEverythingDenied_StillDiagnosed()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(nsgId: ClientNsg)
            .Nsg("nsg-client", new NsgRule("DenyInternet", 100, "Deny", "Internet", Port: "*")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("DenyInternet", finding.Message);
        Assert.Contains("the public endpoints of contoso.azurecr.io", finding.Message);
    }

    [Fact]
    public void DefaultRulesOnly_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(WithPrivateEndpoint().Nsg("nsg-client").View()).Outcome);
    }

    [Fact]
    public void AllowBeforeDeny_NoDiagnostic()
    {
        var evidence = WithPrivateEndpoint().Nsg("nsg-client",
            new NsgRule("DenyAllOut", 4000, "Deny", "*", Port: "*", Protocol: "*"),
            new NsgRule("AllowPrivateEndpoint", 100, "Allow", "10.2.1.0/24")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void SubnetWithoutNsg_PassedAsNothingFilters()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View());

        Assert.Equal(RuleOutcome.Passed, result.Outcome);
        Assert.Contains("no network security group", result.Reason);
    }

    [Fact]
    public void NoVantageSubnet_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:vantage.subnetId (--from <subnet>)", result.Reason);
    }

    [Fact]
    public void NsgReadFailed_SkippedNamingThePermission()
    {
        var evidence = WithPrivateEndpoint()
            .CollectionError("networkSecurityGroup", ClientNsg, 403, "AuthorizationFailed", "Microsoft.Network/networkSecurityGroups/read").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("collection-failed:networkSecurityGroup", result.Reason);
        Assert.Contains("Microsoft.Network/networkSecurityGroups/read", result.Reason);
    }

    [Fact]
    public void RuleNamingAPrefixButRegistryTagMissing_SkippedNeedingTheRegionalTag()
    {
        var evidence = EvidenceBuilder.Create().Registry().ClientSubnet(nsgId: ClientNsg)
            .Nsg("nsg-client", new NsgRule("DenyMicrosoft", 100, "Deny", "20.0.0.0/8")).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:serviceTags.tags[AzureContainerRegistry.eastus]", result.Reason);
    }
}
