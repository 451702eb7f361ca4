using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>
/// The NSG hop from an AKS node pool's subnet, where Network Watcher's NSG diagnostic of a scale-set instance's NIC was recorded:
/// it decides the hop (the effective answer wins over configuration, and the step says so); without it configuration decides and
/// the step says why the diagnostic did not speak.
/// </summary>
public class ScaleSetDiagnosisHopTests
{
    public static readonly string NodeSubnet = EvidenceBuilder.SubnetId("vnet-aks", "aks-system");
    public static readonly string NodeNic = EvidenceBuilder.ScaleSetNicId("aks-system-12345678-vmss");
    public static readonly string NicNsg = EvidenceBuilder.NsgId("aks-agentpool-nsg");
    /// <summary>The first address of AzureContainerRegistry.EastUS: where the NSG hop to the public registry is weighed.</summary>
    public const string RegistryAddress = "20.42.66.0";

    /// <summary>A public registry (its eastus tag 20.42.66.0/24), --aks with pool system in aks-system (no NSG in configuration), one node NIC at 10.240.0.4.</summary>
    public static EvidenceBuilder AksNodes() => EvidenceBuilder.Create().Registry().ReplicationsRead()
        .ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
        .ClientSubnet("vnet-aks", "aks-system", "10.240.0.0/16", "10.240.0.0/12")
        .AksCluster()
        .AksPoolScaleSet("system", NodeSubnet, "10.240.0.4", nicNsgId: NicNsg);

    [Fact]
    public void DiagnosisDeniesThroughTheNicNsg_BlocksThePath_NamesTheRule_AndSaysConfigurationDisagreed()
    {
        var builder = AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Deny", (NicNsg, NodeNic, "UserRule_DenyAcrOut", "Deny"));

        var path = builder.Paths().First();
        var nsg = path.Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(PathVerdict.Blocked, path.Verdict);
        Assert.Equal((StepStatus.Blocked, "NSG deny (rule 'DenyAcrOut', effective)"), (nsg.Status, nsg.Label));
        Assert.Contains("Network Watcher's diagnostic", nsg.Detail);
        Assert.Contains("The configuration alone predicted \"NSG none\"", nsg.Detail);
        var finding = Assert.Single(new NsgDeniesOutboundRule().Evaluate(builder.View()).Findings);
        Assert.Contains("rule DenyAcrOut (Deny)", finding.Message);
        Assert.Contains("NIC aks-system-12345678-nic (Network Watcher diagnostic)", finding.Message);
        Assert.Contains("10.240.0.4", finding.Message);
    }

    [Fact]
    public void NicDocumentWithoutALocation_TheScaleSetsRegionFindsTheWatcher()
    {
        var bundle = AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Deny", (NicNsg, NodeNic, "UserRule_DenyAcrOut", "Deny")).Build();
        bundle.Arm!.Resources[NodeNic].Remove("location");

        var finding = Assert.Single(new NsgDeniesOutboundRule().Evaluate(new Core.Evidence.EvidenceView(bundle)).Findings);

        Assert.Contains("rule DenyAcrOut (Deny)", finding.Message);
    }

    [Fact]
    public void DiagnosisAllows_ThePathIsOpen_AndTheRuleDoesNotFire()
    {
        var builder = AksNodes().NetworkWatchers("eastus").NsgDiagnosed(NodeNic, RegistryAddress, "Allow",
            (NicNsg, NodeNic, "DefaultRule_AllowInternetOutBound", "Allow"), (EvidenceBuilder.NsgId("nsg-subnet"), NodeSubnet, "UserRule_AllowAcr", "Allow"));

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(StepStatus.Ok, nsg.Status);
        Assert.Equal("NSG allow (rule 'AllowInternetOutBound', rule 'AllowAcr', effective)", nsg.Label);
        Assert.Equal(RuleOutcome.Passed, new NsgDeniesOutboundRule().Evaluate(builder.View()).Outcome);
    }

    [Fact]
    public void ConfigurationPredictsADeny_TheDiagnosisAllows_TheEffectiveAnswerWins()
    {
        var builder = EvidenceBuilder.Create().Registry().ReplicationsRead().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .Nsg("nsg-aks", new NsgRule("DenyAcrOut", 200, "Deny", "AzureContainerRegistry"))
            .ClientSubnet("vnet-aks", "aks-system", "10.240.0.0/16", "10.240.0.0/12", nsgId: EvidenceBuilder.NsgId("nsg-aks"))
            .AksCluster().AksPoolScaleSet("system", NodeSubnet, "10.240.0.4").NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Allow", (EvidenceBuilder.NsgId("nsg-aks"), NodeSubnet, "UserRule_AllowAcr", "Allow"));

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(StepStatus.Ok, nsg.Status);
        Assert.Contains("predicted \"NSG deny", nsg.Detail);
        Assert.Equal(RuleOutcome.Passed, new NsgDeniesOutboundRule().Evaluate(builder.View()).Outcome);
    }

    [Fact]
    public void NoWatcherInTheRegion_ConfigurationDecides_AndTheStepGivesTheEnablingCommand()
    {
        var builder = AksNodes().NetworkWatchers("westeurope");

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal((StepStatus.Ok, "NSG none"), (nsg.Status, nsg.Label));
        var assumption = Assert.Single(nsg.Assumptions, a => a.Contains("NSG diagnostic did not answer"));
        Assert.Contains("no Network Watcher in eastus", assumption);
        Assert.Contains(NetworkWatcherChecks.EnableCommand("eastus"), assumption);
    }

    [Fact]
    public void DiagnosisRefused_ConfigurationDecides_AndTheStepNamesThePermission()
    {
        var key = NetworkWatcherChecks.DiagnosticKey(EvidenceBuilder.WatcherId(), NodeNic, RegistryAddress);
        var builder = AksNodes().NetworkWatchers("eastus")
            .CollectionError("networkConfigurationDiagnostic", key, 403, "AuthorizationFailed", "Microsoft.Network/networkWatchers/networkConfigurationDiagnostic/action");

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal(StepStatus.Ok, nsg.Status);
        Assert.Contains(nsg.Assumptions, a => a.Contains("HTTP 403") && a.Contains("Microsoft.Network/networkWatchers/networkConfigurationDiagnostic/action"));
    }

    [Fact]
    public void NodeSubnetWithoutAScaleSetNic_IsJudgedFromConfigurationAlone()
    {
        var builder = EvidenceBuilder.Create().Registry().ReplicationsRead().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .ClientSubnet("vnet-aks", "aks-system", "10.240.0.0/16", "10.240.0.0/12").AksCluster().NetworkWatchers("eastus");

        var nsg = builder.Paths().First().Steps.Single(s => s.Step == PathStep.Nsg);

        Assert.Equal((StepStatus.Ok, "NSG none"), (nsg.Status, nsg.Label));
        Assert.Empty(nsg.Assumptions);
    }

    [Fact]
    public void EffectiveRouteRules_SayScaleSetInstancesHaveNoEffectiveRoutesInArm()
    {
        var result = new EffectiveRouteDropsRegistryTrafficRule().Evaluate(AksNodes().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("not available for scale-set instances", result.Reason!);
    }
}
