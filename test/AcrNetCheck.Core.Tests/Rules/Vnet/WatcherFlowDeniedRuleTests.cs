using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class WatcherFlowDeniedRuleTests
{
    private readonly WatcherFlowDeniedRule _rule = new();
    private static readonly string Key = NetworkWatcherChecks.Key(EvidenceBuilder.WatcherId(), NetworkWatcherChecks.IpFlowVerify, "20.42.66.0");

    [Fact]
    public void FlowDenied_DiagnosticNamesTheRule()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus").FlowVerified("20.42.66.0", "Deny", "securityRules/DenyWebOut").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Key, finding.Subject);
        Assert.Contains("securityRules/DenyWebOut", finding.Message);
        Assert.Contains("vm-app (10.2.0.4)", finding.Message);
        Assert.Equal(("access", "Deny"), (finding.Evidence[0].Path, finding.Evidence[0].Observed));
        Assert.Equal($"az network nic list-effective-nsg --ids {EvidenceBuilder.NicId("vm-app-nic")} -o table", finding.Fix[0]);
    }

    [Fact]
    public void FlowAllowed_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus").FlowVerified("20.42.66.0", "Allow", "defaultSecurityRules/AllowInternetOutBound").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoWatcherInTheRegion_SkippedWithTheEnablingCommand()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("westeurope").View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:a Network Watcher in eastus", result.Reason);
        Assert.Contains("az network watcher configure --resource-group NetworkWatcherRG --locations eastus --enabled true", result.Reason);
    }

    [Fact]
    public void CheckRefused_SkippedNamingTheAction()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus")
            .CollectionError("ipFlowVerify", Key, 403, "AuthorizationFailed", "Microsoft.Network/networkWatchers/ipFlowVerify/action").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("needs Microsoft.Network/networkWatchers/ipFlowVerify/action", result.Reason);
    }

    [Fact]
    public void NoClientVm_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ClientSubnet().View());

        Assert.StartsWith("not-applicable", result.Reason);
    }
}
