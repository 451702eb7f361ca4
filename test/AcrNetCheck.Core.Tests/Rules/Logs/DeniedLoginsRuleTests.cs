using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Logs;

public class DeniedLoginsRuleTests
{
    private readonly DeniedLoginsRule _rule = new();

    [Fact]
    public void CallerOutsideIpRules_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("198.51.100.0/24")
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("203.0.113.7", count: 5), EvidenceBuilder.SuccessfulLogin("198.51.100.20"))
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("203.0.113.7", finding.Subject);
        Assert.StartsWith("5 login(s) from 203.0.113.7 (public) as ci-pipeline between 2026-11-24 08:00 UTC and 2026-11-24 09:30 UTC", finding.Message);
        Assert.Contains("no IP rule covers 203.0.113.7", finding.Message);
        Assert.Equal("loginEvents.groups[callerIpAddress=203.0.113.7]", finding.Evidence[0].Path);
        Assert.Equal("403 Forbidden: client with IP '203.0.113.7' is not allowed access", finding.Evidence[0].Observed);
        Assert.Contains(finding.Evidence, e => e.Path == "properties.networkRuleSet.ipRules" && e.Observed == "198.51.100.0/24");
        Assert.Equal(["az acr network-rule add --name <registry> --ip-address 203.0.113.7"], finding.Fix);
    }

    [Fact]
    public void SameCallerSeveralGroups_OneFindingSummingThem()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("203.0.113.7", count: 2, identity: "ci-pipeline"),
                         EvidenceBuilder.NetworkDeniedLogin("203.0.113.7", count: 4, identity: "alice@contoso.com"))
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.StartsWith("6 login(s) from 203.0.113.7 (public) as ci-pipeline, alice@contoso.com", finding.Message);
    }

    [Fact]
    public void CallerInsideAnIpRuleCidr_DiagnosticSaysTheRuleIsNewerAndProposesNoRule()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().IpRule("203.0.113.0/24")
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("203.0.113.7")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("IP rule 203.0.113.0/24 allows it now", finding.Message);
        Assert.Empty(finding.Fix);
    }

    [Fact]
    public void PublicAccessDisabled_DiagnosticPointsAtThePrivateEndpoint()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("203.0.113.7")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("must come through the private endpoint", finding.Message);
        Assert.Contains("10.1.0.4 (private)", finding.Message);
        Assert.DoesNotContain(finding.Fix, f => f.StartsWith("az acr network-rule add"));
        Assert.Contains(finding.Evidence, e => e.Path == "properties.publicNetworkAccess" && e.Observed == "Disabled");
    }

    [Fact]
    public void RegistryNotRead_DiagnosticWithoutNetworkRuleFix()
    {
        var evidence = EvidenceBuilder.Create().LoginEvents(EvidenceBuilder.NetworkDeniedLogin("203.0.113.7")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("network rules were not read", finding.Message);
        Assert.Empty(finding.Fix);
    }

    [Theory]
    [InlineData("403", "403 Forbidden")]
    [InlineData(null, "client with IP '203.0.113.7' is not allowed access")]
    [InlineData("", "403 Forbidden: client with IP '203.0.113.7' is not allowed access")]
    public void DenialRecognisedByStatusOrWording_Diagnostic(string? resultType, string description)
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .LoginEvents(EvidenceBuilder.LoginEvent("203.0.113.7", resultType!, description)).View();

        Assert.Equal("203.0.113.7", Assert.Single(_rule.Evaluate(evidence).Findings).Subject);
    }

    [Fact]
    public void EventsWithoutCallerAddress_OneFindingWithoutNetworkRuleFix()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("", count: 2), EvidenceBuilder.NetworkDeniedLogin(" ", count: 1)).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal(LoginEventFacts.UnknownCaller, finding.Subject);
        Assert.StartsWith("3 login(s) from an unrecorded address", finding.Message);
        Assert.Empty(finding.Fix);
    }

    [Fact]
    public void ServerErrors_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .LoginEvents(EvidenceBuilder.LoginEvent("203.0.113.7", "500", "500 Internal Server Error")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void OnlySuccessesAndAuthFailures_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny()
            .LoginEvents(EvidenceBuilder.SuccessfulLogin("203.0.113.7"), EvidenceBuilder.UnauthorizedLogin("198.51.100.9")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoLoginEvents_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:loginEvents", result.Reason);
    }

    [Fact]
    public void DeniedCallerIsThisMachine_SaysSo()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().Vantage(publicIp: "198.51.100.23")
            .LoginEvents(EvidenceBuilder.LoginEvent("198.51.100.23", "403", "403 Forbidden: client with IP '198.51.100.23' is not allowed access."))
            .View();

        var finding = Assert.Single(new DeniedLoginsRule().Evaluate(evidence).Findings);

        Assert.Contains("the machine acr-netcheck ran on", finding.Message);
    }

    [Fact]
    public void ManyCallersAndRules_RuleListCitedInFullOnce_OnTheFirstFindingInReportOrder()
    {
        var builder = EvidenceBuilder.Create().Registry().DefaultDeny();
        for (var i = 0; i < 200; i++) builder.IpRule($"198.51.{i}.0/24");
        var callers = Enumerable.Range(1, 50).Select(i => EvidenceBuilder.NetworkDeniedLogin($"203.0.113.{i}")).ToArray();
        var evidence = builder.LoginEvents(callers).View();

        var findings = new DeniedLoginsRule().Evaluate(evidence).Findings;

        var cited = findings.Select(f => f.Evidence.Single(e => e.Path == "properties.networkRuleSet.ipRules")).ToList();
        var full = Assert.Single(findings, f => f.Evidence.Any(e => e.Path == "properties.networkRuleSet.ipRules" && e.Observed!.Contains("198.51.199.0/24")));
        Assert.Equal(findings.Select(f => f.Subject).Min(StringComparer.Ordinal), full.Subject);
        Assert.All(cited.Where(e => !e.Observed!.Contains("198.51.199.0/24")), e => Assert.Equal("200 rule(s), listed on the finding for 203.0.113.1", e.Observed));
        Assert.Equal(50, findings.Count);
    }

    [Fact]
    public void AzureServiceCaller_NotReportedHere_NoIpRuleProposed()
    {
        // An address in the AzureContainerRegistry tag is ACR's own shared agent: logs.azure-service-denied reports it.
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22")
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("20.42.64.10"), EvidenceBuilder.NetworkDeniedLogin("203.0.113.7")).View();

        var finding = Assert.Single(new DeniedLoginsRule().Evaluate(evidence).Findings);

        Assert.Equal("203.0.113.7", finding.Subject);
    }

    [Fact]
    public void CallerInAzureCloudRanges_AllowedOnlyOnceKnownToBeTheUsers()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().ServiceTag("AzureCloud.eastus", "52.150.0.0/17")
            .LoginEvents(EvidenceBuilder.NetworkDeniedLogin("52.150.3.4")).View();

        var finding = Assert.Single(new DeniedLoginsRule().Evaluate(evidence).Findings);

        Assert.Contains("52.150.3.4 is in Azure's AzureCloud.eastus ranges: allow it only if it is one of your own public IPs", finding.Message);
        Assert.Contains("Microsoft-hosted build agent", finding.Message);
        Assert.Equal(["az network public-ip list --query '[?ipAddress==`\"52.150.3.4\"`].id' -o tsv", "az acr network-rule add --name <registry> --ip-address 52.150.3.4"], finding.Fix);
        // The descriptor's unconditional "allow the address" step is not shown beside it.
        Assert.True(finding.FixReplacesSolution);
        Assert.Contains(finding.Evidence, e => e.Path == "serviceTags.tags[AzureCloud.eastus]");
    }
}
