using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class WatcherConnectionFailedRuleTests
{
    private readonly WatcherConnectionFailedRule _rule = new();
    private static readonly string Key = NetworkWatcherChecks.Key(EvidenceBuilder.WatcherId(), NetworkWatcherChecks.ConnectivityCheck, "contoso.azurecr.io");

    [Fact]
    public void Disconnected_DiagnosticNamesTheFailingHop()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus").ConnectivityChecked("contoso.azurecr.io", "Disconnected", issue: "NetworkSecurityRule").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal(Key, finding.Subject);
        Assert.Contains("contoso.azurecr.io:443 is Disconnected (100 of 100 probes failed)", finding.Message);
        Assert.Contains("reports NetworkSecurityRule (Outbound, Error)", finding.Message);
        Assert.StartsWith("az network watcher test-connectivity --source-resource /subscriptions/", finding.Fix[0]);
    }

    [Fact]
    public void Connected_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus").ConnectivityChecked("contoso.azurecr.io", "Connected").View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void CheckFailed_SkippedWithTheAgentCommand()
    {
        var evidence = EvidenceBuilder.Create().ClientVmFrom().NetworkWatchers("eastus")
            .CollectionError("connectivityCheck", Key, 400, "AgentNotInstalled", "Microsoft.Network/networkWatchers/connectivityCheck/action").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("az vm extension set -g rg-app --vm-name vm-app --name NetworkWatcherAgentLinux --publisher Microsoft.Azure.NetworkWatcher", result.Reason);
    }

    [Fact]
    public void WatcherListNotRead_Skipped()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().ClientVmFrom().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("needs:arm.lists[", result.Reason);
    }
}
