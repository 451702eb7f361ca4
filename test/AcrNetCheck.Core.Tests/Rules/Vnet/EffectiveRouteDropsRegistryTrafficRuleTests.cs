using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class EffectiveRouteDropsRegistryTrafficRuleTests
{
    private readonly EffectiveRouteDropsRegistryTrafficRule _rule = new();
    private static readonly string Nic = EvidenceBuilder.NicId("vm-app-nic");

    /// <summary>A public registry and a client VM's NIC in a subnet with no route table: configuration alone predicts the internet route.</summary>
    internal static EvidenceBuilder ClientVm() =>
        EvidenceBuilder.Create().Registry().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24", "20.62.128.0/26")
            .ClientSubnet().ClientNic("vm-app-nic", EvidenceBuilder.SubnetId("vnet-app", "snet-client"), "10.2.0.4");

    [Fact]
    public void EffectiveRouteToNoneCoveringTheRegistry_Diagnostic()
    {
        var evidence = ClientVm().EffectiveRoutes("vm-app-nic",
            ("Default", "0.0.0.0/0", "Internet", null), ("User", "20.42.66.0/24", "None", null)).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        Assert.Equal(Severity.Error, _rule.Descriptor.Severity);
        var finding = Assert.Single(result.Findings);
        Assert.Equal($"{ArmPaths.EffectiveRouteTable(Nic)}#20.42.66.0/24", finding.Subject);
        Assert.Contains("next hop None", finding.Message);
        Assert.Equal((ArmPaths.EffectiveRouteTable(Nic), "value[1].nextHopType", "None"), (finding.Evidence[0].Source, finding.Evidence[0].Path, finding.Evidence[0].Observed));
        Assert.Equal($"az network nic show-effective-route-table --ids {Nic} -o table", finding.Fix[0]);
    }

    [Fact]
    public void PrivateEndpointWithNoActiveRoute_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HubPrivateEndpoint()
            .ClientSubnet().ClientNic("vm-app-nic", EvidenceBuilder.SubnetId("vnet-app", "snet-client"), "10.2.0.4")
            .EffectiveRoutes("vm-app-nic", ("Default", "10.2.0.0/16", "VnetLocal", null), ("Default", "0.0.0.0/0", "Internet", null), ("Default", "10.0.0.0/8", "None", null)).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("10.1.0.4", finding.Message);
    }

    [Fact]
    public void InternetRoute_NoDiagnostic()
    {
        var evidence = ClientVm().EffectiveRoutes("vm-app-nic", ("Default", "0.0.0.0/0", "Internet", null)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void InvalidRoute_IsNotApplied_NoDiagnostic()
    {
        var evidence = ClientVm().EffectiveRoutes("vm-app-nic",
            ("Default", "0.0.0.0/0", "Internet", null, "Active"), ("User", "20.42.66.0/24", "None", null, "Invalid")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void EffectiveRoutesRefused_SkippedNamingTheAction()
    {
        var evidence = ClientVm().CollectionError("effectiveRouteTable", ArmPaths.EffectiveRouteTable(Nic), 403, "AuthorizationFailed",
            "Microsoft.Network/networkInterfaces/effectiveRouteTable/action").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("collection-failed:effectiveRouteTable (HTTP 403 AuthorizationFailed; needs Microsoft.Network/networkInterfaces/effectiveRouteTable/action)", result.Reason);
    }

    [Fact]
    public void NoClientNic_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable", result.Reason);
    }
}
