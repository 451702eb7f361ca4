using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>The NSG and route hops use what Azure applies to the client NIC when it was read, and say where configuration predicted otherwise.</summary>
public class EffectiveHopsTests
{
    private static readonly string ClientSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-client");

    [Fact]
    public void NsgDenyOnlyTheEffectiveRulesShow_BlocksThePath_AndSaysConfigurationDisagreed()
    {
        // The subnet has no NSG in configuration; Azure applies one to the NIC that denies 443 to the internet.
        var builder = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm()
            .EffectiveNsg("vm-app-nic", "nsg-vm", rules: new NsgRule("DenyWebOut", 200, "Deny", "Internet"));

        var path = builder.Paths().First();
        var nsg = path.Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(PathVerdict.Blocked, path.Verdict);
        Assert.Equal(StepStatus.Blocked, nsg.Status);
        Assert.Contains("effective", nsg.Label);
        Assert.Contains("The configuration alone predicted \"NSG none\"", nsg.Detail);
        var finding = Assert.Single(new NsgDeniesOutboundRule().Evaluate(builder.View()).Findings);
        Assert.Contains("DenyWebOut", finding.Message);
        Assert.Contains("NIC vm-app-nic (effective rules)", finding.Message);
    }

    [Fact]
    public void EffectiveRulesAllow_WhereConfigurationPredictedADeny_EffectiveWins()
    {
        var builder = EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .Nsg("nsg-app", new NsgRule("DenyWebOut", 200, "Deny", "Internet"))
            .ClientSubnet(nsgId: EvidenceBuilder.NsgId("nsg-app")).ClientNic("vm-app-nic", ClientSubnet, "10.2.0.4")
            .EffectiveNsg("vm-app-nic", "nsg-app", subnetId: ClientSubnet, rules: new NsgRule("AllowAcr", 100, "Allow", "AzureContainerRegistry"));

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(StepStatus.Ok, nsg.Status);
        Assert.Contains("predicted \"NSG deny", nsg.Detail);
        Assert.Equal(RuleOutcome.Passed, new NsgDeniesOutboundRule().Evaluate(builder.View()).Outcome);
    }

    [Fact]
    public void RouteLearnedFromTheGateway_IsTheRouteStep_AndConfigurationsInternetRouteIsOverruled()
    {
        var builder = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().EffectiveRoutes("vm-app-nic",
            ("VirtualNetworkGateway", "0.0.0.0/0", "VirtualNetworkGateway", "10.255.0.4"));

        var route = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Route);

        Assert.Equal(StepStatus.Warning, route.Status);
        Assert.Equal(EffectiveRouteDivertsRegistryTrafficRule.Id, route.RuleId);
        Assert.Contains("predicted \"route internet\"", route.Detail);
    }

    [Fact]
    public void EffectiveStateAgreesWithConfiguration_NoDisagreementNote()
    {
        var builder = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().EffectiveRoutes("vm-app-nic", ("Default", "0.0.0.0/0", "Internet", null));

        var route = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Route);

        Assert.Equal(StepStatus.Ok, route.Status);
        Assert.DoesNotContain("predicted", route.Detail);
    }
}
