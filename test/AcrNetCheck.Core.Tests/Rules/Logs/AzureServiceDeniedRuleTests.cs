using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Rules.Service;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Logs;

public class AzureServiceDeniedRuleTests
{
    private const string TaskPrincipal = "0b1e6c1a-7f3d-4c2e-9a8b-5d4c3b2a1f00";
    private const string AcrAgentIp = "20.42.64.10";   // in AzureContainerRegistry.EastUS below
    private const string CiRunnerIp = "198.51.100.23";

    private readonly AzureServiceDeniedRule _rule = new();

    private static EvidenceBuilder RestrictedRegistryWithTask() => EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("16.17.18.0/24")
        .TaskWithIdentity("build-app", TaskPrincipal).RegistryCurrent(networkRuleBypassAllowedForTasks: false)
        .ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22").ServiceTag("AzureCloud.eastus", "20.42.0.0/17", "52.150.0.0/17");

    [Fact]
    public void TaskIdentityRefused_Diagnostic_NamesTheTaskAndNoIpRule()
    {
        var evidence = RestrictedRegistryWithTask().LoginEvents(EvidenceBuilder.NetworkDeniedLogin(AcrAgentIp, count: 12, identity: TaskPrincipal)).View();

        var result = _rule.Evaluate(evidence);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(AcrAgentIp, finding.Subject);
        Assert.Contains("the caller is the managed identity of ACR task build-app, from an address in the AzureContainerRegistry.EastUS service tag", finding.Message);
        Assert.Contains("networkRuleBypassAllowedForTasks is false", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path == "serviceTags.tags[AzureContainerRegistry.EastUS]" && e.Observed == AcrAgentIp);
        Assert.Contains(finding.Evidence, e => e.Source.EndsWith("/tasks/build-app") && e.Observed == TaskPrincipal);
        Assert.Contains("az acr task update --registry <registry> --name build-app --agent-pool <pool>", finding.Fix);
        Assert.Contains(RegistryRestriction.AllowTasksBypass, finding.Fix);
        Assert.DoesNotContain(finding.Fix.Concat(_rule.Descriptor.Solution), f => f.Contains("--ip-address"));
    }

    [Fact]
    public void ContainerRegistryTagAddressWithoutAKnownTask_Diagnostic()
    {
        var evidence = RestrictedRegistryWithTask().LoginEvents(EvidenceBuilder.NetworkDeniedLogin(AcrAgentIp, identity: "someone@contoso.com")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("an address in the AzureContainerRegistry.EastUS service tag, one of ACR's own shared agents", finding.Message);
        Assert.Contains("az acr build --registry <registry> --agent-pool <pool> --image <image> <source-location>", finding.Fix);
    }

    [Fact]
    public void CallerOutsideAzureServices_NoDiagnostic()
    {
        // A CI runner's own address and an address in AzureCloud (maybe the user's own VM) are logs.denied-logins' to judge.
        var evidence = RestrictedRegistryWithTask()
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin(CiRunnerIp), EvidenceBuilder.NetworkDeniedLogin("52.150.3.4")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void LoginEventsNotCollected_Skipped()
    {
        var result = _rule.Evaluate(RestrictedRegistryWithTask().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:loginEvents", result.Reason);
    }

    [Fact]
    public void TaskRefusedBesideACiRunner_TheTaskUnderTasksBlockedAndTheRunnerOnItsOwn()
    {
        var bundle = RestrictedRegistryWithTask()
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin(AcrAgentIp, identity: TaskPrincipal), EvidenceBuilder.NetworkDeniedLogin(CiRunnerIp)).Build();

        var report = Analyzer.Analyze(bundle);

        var tasksBlocked = Assert.Single(report.Findings, f => f.Id == TasksBlockedRule.Id);
        var serviceDenied = Assert.Single(report.Findings, f => f.Id == AzureServiceDeniedRule.Id);
        var runnerDenied = Assert.Single(report.Findings, f => f.Id == DeniedLoginsRule.Id);
        Assert.True(tasksBlocked.RootCause);
        Assert.Equal(tasksBlocked.Key, serviceDenied.ExplainedBy);
        Assert.Equal(CiRunnerIp, runnerDenied.Subject);
        Assert.NotEqual(tasksBlocked.Key, runnerDenied.ExplainedBy);
        // Nothing in the report asks to allow ACR's address.
        Assert.DoesNotContain(report.Findings.SelectMany(f => f.Solution), s => s.Contains($"--ip-address {AcrAgentIp}"));
        Assert.Contains($"az acr network-rule add --name contoso --ip-address {CiRunnerIp}", runnerDenied.Solution);
    }
}
