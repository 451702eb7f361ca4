using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class EffectiveRouteDivertsRegistryTrafficRuleTests
{
    private readonly EffectiveRouteDivertsRegistryTrafficRule _rule = new();
    private static readonly string Nic = EvidenceBuilder.NicId("vm-app-nic");

    [Fact]
    public void DefaultRouteLearnedFromTheGateway_Diagnostic()
    {
        // No route table on the subnet: only the effective routes show the 0.0.0.0/0 advertised from on-premises.
        var evidence = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().EffectiveRoutes("vm-app-nic",
            ("Default", "10.2.0.0/16", "VnetLocal", null), ("VirtualNetworkGateway", "0.0.0.0/0", "VirtualNetworkGateway", "10.255.0.4")).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        Assert.Equal(Severity.Warning, _rule.Descriptor.Severity);
        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{ArmPaths.EffectiveRouteTable(Nic)}#0.0.0.0/0", finding.Subject);
        Assert.Contains("learned from the virtual network gateway", finding.Message);
        Assert.Contains("VirtualNetworkGateway 10.255.0.4", finding.Message);
        Assert.Equal("VirtualNetworkGateway", finding.Evidence[0].Observed);
    }

    [Fact]
    public void UserRouteToAnAppliance_Diagnostic()
    {
        var evidence = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().EffectiveRoutes("vm-app-nic",
            ("Default", "0.0.0.0/0", "Internet", null), ("User", "20.0.0.0/8", "VirtualAppliance", "10.0.1.4")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("VirtualAppliance 10.0.1.4", finding.Message);
    }

    [Fact]
    public void InternetRoute_NoDiagnostic()
    {
        var evidence = EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().EffectiveRoutes("vm-app-nic", ("Default", "0.0.0.0/0", "Internet", null)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void EffectiveRoutesNotRead_Skipped()
    {
        var result = _rule.Evaluate(EffectiveRouteDropsRegistryTrafficRuleTests.ClientVm().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal($"needs:arm.resources[{ArmPaths.EffectiveRouteTable(Nic)}]", result.Reason);
    }
}
