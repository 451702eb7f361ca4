using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Evidence.Network;

public class NsgEvaluatorTests
{
    private const string Client = "10.2.0.4";
    private const string AcrEastUs = "20.42.66.10";
    private const string PrivateEndpointIp = "10.2.1.4";

    private static readonly Dictionary<string, List<string>> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["AzureContainerRegistry.EastUS"] = ["20.42.66.0/24", "2603:1030:210:402::90/125"],
    };

    private static readonly NsgAddressSpace Space = new([IpPrefix.Parse("10.2.0.0/16")], new ServiceTagMatcher(Tags));

    private static NsgVerdict Evaluate(NsgFlow flow, params NsgRule[] rules) => Evaluate(flow, _ => { }, rules);

    private static NsgVerdict Evaluate(NsgFlow flow, Action<EvidenceBuilder> change, params NsgRule[] rules)
    {
        var builder = EvidenceBuilder.Create().Nsg("nsg-client", rules);
        change(builder);
        var nsg = builder.View().Resource<NetworkSecurityGroupView>(EvidenceBuilder.NsgId("nsg-client"))!;
        return NsgEvaluator.EvaluateOutbound(nsg, flow, Space);
    }

    private static NsgFlow To(string? destination, string? tag = null) => new(Client, destination, tag);

    [Fact]
    public void NoCustomRules_PublicRegistryAddress_AllowedByDefaultInternetRule()
    {
        var verdict = Evaluate(To(AcrEastUs));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowInternetOutBound", verdict.Rule!.Name);
        Assert.True(verdict.Rule.IsDefault);
    }

    [Fact]
    public void NoCustomRules_PrivateEndpointInTheVnet_AllowedByDefaultVnetRule()
    {
        var verdict = Evaluate(To(PrivateEndpointIp));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowVnetOutBound", verdict.Rule!.Name);
    }

    [Fact]
    public void DenyAt100_OverridesAllowAt200_WhateverTheirOrderInTheDocument()
    {
        var verdict = Evaluate(To(AcrEastUs),
            new NsgRule("AllowHttps", 200, "Allow", "*"),
            new NsgRule("DenyInternet", 100, "Deny", "Internet"));

        Assert.Equal(NsgDecision.Deny, verdict.Decision);
        Assert.Equal("DenyInternet", verdict.Rule!.Name);
        Assert.Equal(100, verdict.Rule.Priority);
        Assert.False(verdict.Rule.IsDefault);
    }

    [Fact]
    public void AllowAt100_WinsOverDenyAt200()
    {
        var verdict = Evaluate(To(AcrEastUs),
            new NsgRule("DenyAll", 200, "Deny", "*", Port: "*", Protocol: "*"),
            new NsgRule("AllowAcr", 100, "Allow", "AzureContainerRegistry.EastUS"));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowAcr", verdict.Rule!.Name);
    }

    [Theory]
    [InlineData("443", NsgDecision.Deny)]
    [InlineData("400-500", NsgDecision.Deny)]
    [InlineData("*", NsgDecision.Deny)]
    [InlineData("80", NsgDecision.Allow)]
    [InlineData("444-500", NsgDecision.Allow)]
    public void DestinationPortRange_DecidesWhetherTheRuleApplies(string ports, NsgDecision expected)
    {
        Assert.Equal(expected, Evaluate(To(AcrEastUs), new NsgRule("DenyOut", 100, "Deny", "*", Port: ports)).Decision);
    }

    [Fact]
    public void PortList_MatchesWhenAnyEntryHolds443()
    {
        var verdict = Evaluate(To(AcrEastUs), b => b.WithNsgRule("nsg-client", "DenyOut", p =>
        {
            p.Remove("destinationPortRange");
            p["destinationPortRanges"] = new JArray("22", "440-450");
        }), new NsgRule("DenyOut", 100, "Deny", "*"));

        Assert.Equal(NsgDecision.Deny, verdict.Decision);
    }

    [Theory]
    [InlineData("Udp", NsgDecision.Allow)]
    [InlineData("Icmp", NsgDecision.Allow)]
    [InlineData("*", NsgDecision.Deny)]
    [InlineData("Tcp", NsgDecision.Deny)]
    public void Protocol_OnlyTcpOrAnyAppliesToHttps(string protocol, NsgDecision expected)
    {
        Assert.Equal(expected, Evaluate(To(AcrEastUs), new NsgRule("DenyOut", 100, "Deny", "*", Protocol: protocol)).Decision);
    }

    [Theory]
    [InlineData("20.42.66.0/24", NsgDecision.Deny)]
    [InlineData("20.42.66.10", NsgDecision.Deny)]
    [InlineData("0.0.0.0/0", NsgDecision.Deny)]
    [InlineData("52.0.0.0/8", NsgDecision.Allow)]
    [InlineData("AzureContainerRegistry.EastUS", NsgDecision.Deny)]
    [InlineData("azurecontainerregistry.eastus", NsgDecision.Deny)]
    [InlineData("AzureContainerRegistry", NsgDecision.Deny)]
    [InlineData("VirtualNetwork", NsgDecision.Allow)]
    public void DestinationPrefixOrTag_MatchesTheRegistryAddress(string destination, NsgDecision expected)
    {
        Assert.Equal(expected, Evaluate(To(AcrEastUs), new NsgRule("DenyOut", 100, "Deny", destination)).Decision);
    }

    [Fact]
    public void RegistryAddressOutsideTheRegionalTag_NotMatched()
    {
        var verdict = Evaluate(To("52.1.2.3"), new NsgRule("DenyAcr", 100, "Deny", "AzureContainerRegistry.EastUS"));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowInternetOutBound", verdict.Rule!.Name);
    }

    [Fact]
    public void TagMissingFromTheBundle_IndeterminateNamingTheTag()
    {
        var verdict = Evaluate(To(AcrEastUs), new NsgRule("DenyCloud", 100, "Deny", "AzureCloud"));

        Assert.Equal(NsgDecision.Indeterminate, verdict.Decision);
        Assert.Equal("DenyCloud", verdict.Rule!.Name);
        Assert.Equal("serviceTags.tags[AzureCloud]", verdict.Needs);
        Assert.Contains("AzureCloud", verdict.Reason);
    }

    [Fact]
    public void TagMissingFromTheBundle_NeverHoldsAPrivateEndpointAddress()
    {
        var verdict = Evaluate(To(PrivateEndpointIp), new NsgRule("DenyCloud", 100, "Deny", "AzureCloud"));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowVnetOutBound", verdict.Rule!.Name);
    }

    [Fact]
    public void DenyVirtualNetwork_BlocksThePrivateEndpoint()
    {
        var verdict = Evaluate(To(PrivateEndpointIp), new NsgRule("DenyVnet", 100, "Deny", "VirtualNetwork", Port: "*"));

        Assert.Equal(NsgDecision.Deny, verdict.Decision);
        Assert.Equal("DenyVnet", verdict.Rule!.Name);
    }

    [Fact]
    public void ApplicationSecurityGroupRule_IndeterminateNamingTheRule()
    {
        var verdict = Evaluate(To(AcrEastUs), b => b.WithNsgRule("nsg-client", "DenyFromAsg", p =>
        {
            p.Remove("sourceAddressPrefix");
            p["sourceApplicationSecurityGroups"] = new JArray(new JObject { ["id"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-build" });
        }), new NsgRule("DenyFromAsg", 100, "Deny", "*"));

        Assert.Equal(NsgDecision.Indeterminate, verdict.Decision);
        Assert.Equal("DenyFromAsg", verdict.Rule!.Name);
        Assert.Contains("application security group", verdict.Reason);
    }

    [Fact]
    public void ApplicationSecurityGroupRuleForAnotherPort_SkippedWithoutDoubt()
    {
        var verdict = Evaluate(To(AcrEastUs), b => b.WithNsgRule("nsg-client", "DenySshFromAsg", p =>
        {
            p.Remove("sourceAddressPrefix");
            p["sourceApplicationSecurityGroups"] = new JArray(new JObject { ["id"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-build" });
        }), new NsgRule("DenySshFromAsg", 100, "Deny", "*", Port: "22"));

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
    }

    [Theory]
    [InlineData("*", NsgDecision.Deny)]
    [InlineData("Internet", NsgDecision.Deny)]
    [InlineData("AzureContainerRegistry", NsgDecision.Deny)]
    [InlineData("VirtualNetwork", NsgDecision.Allow)]
    [InlineData("Storage", NsgDecision.Indeterminate)]
    [InlineData("20.0.0.0/8", NsgDecision.Indeterminate)]
    public void RegistryPublicAddressUnknown_OnlyRulesNotNamingPrefixesAreWeighed(string destination, NsgDecision expected)
    {
        var verdict = Evaluate(To(null, "AzureContainerRegistry.WestEurope"), new NsgRule("DenyOut", 100, "Deny", destination));

        Assert.Equal(expected, verdict.Decision);
        if (expected == NsgDecision.Indeterminate) Assert.Equal("serviceTags.tags[AzureContainerRegistry.WestEurope]", verdict.Needs);
    }

    [Fact]
    public void AddressSpace_CoversPeeredVnets_SoAPrivateEndpointThereIsVirtualNetwork()
    {
        var b = EvidenceBuilder.Create().ClientSubnet().Peering("vnet-app", "vnet-hub", "10.1.0.0/16");
        var view = b.View();
        var space = NsgAddressSpace.For(view, view.VantageSubnet!);
        var nsg = EvidenceBuilder.Create().Nsg("nsg-client").View().Resource<NetworkSecurityGroupView>(EvidenceBuilder.NsgId("nsg-client"))!;

        var verdict = NsgEvaluator.EvaluateOutbound(nsg, To("10.1.0.4"), space);

        Assert.Equal(NsgDecision.Allow, verdict.Decision);
        Assert.Equal("AllowVnetOutBound", verdict.Rule!.Name);
    }

    [Fact]
    public void PrivateAddressOutsideKnownAddressSpace_Indeterminate()
    {
        var view = EvidenceBuilder.Create().ClientSubnet().View();
        var space = NsgAddressSpace.For(view, view.VantageSubnet!);
        var nsg = EvidenceBuilder.Create().Nsg("nsg-client").View().Resource<NetworkSecurityGroupView>(EvidenceBuilder.NsgId("nsg-client"))!;

        var verdict = NsgEvaluator.EvaluateOutbound(nsg, To("10.9.0.4"), space);

        Assert.Equal(NsgDecision.Indeterminate, verdict.Decision);
        Assert.Equal("AllowVnetOutBound", verdict.Rule!.Name);
        Assert.StartsWith($"arm.resources[{EvidenceBuilder.VnetId("vnet-app")}].properties.virtualNetworkPeerings", verdict.Needs);
    }
}
