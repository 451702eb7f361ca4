using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class RequestFailedRuleTests
{
    private readonly RequestFailedRule _rule = new();

    private static EvidenceBuilder RegistryThatNeverAnswers() =>
        EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => p.Http = new HttpProbe { Url = "https://contoso.azurecr.io/v2/", ErrorKind = HttpErrorKind.Timeout, Error = "no response within 5000 ms" });

    [Fact]
    public void HttpTimeoutAfterTcpAndTls_DiagnosticNamesThePhase()
    {
        var report = Analyzer.Analyze(RegistryThatNeverAnswers().Build());

        Assert.Equal(ReportStatus.Unhealthy, report.Status);
        var finding = Assert.Single(report.Findings, f => f.Id == RequestFailedRule.Id);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("http failed (timeout: no response within 5000 ms)", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].http", finding.Evidence[0].Path);
    }

    [Fact]
    public void ProbeAloneAnswered403NamingTheIp_DiagnosticWithTheNetworkRuleFix()
    {
        var bundle = EvidenceBuilder.Create().HealthyProbe("contoso.azurecr.io")
            .WithLoginProbe(p => p.Http = new HttpProbe { Url = "https://contoso.azurecr.io/v2/", StatusCode = 403, DeniedClientIp = "203.0.113.7",
                BodySnippet = "client with IP '203.0.113.7' is not allowed access" }).Build();
        bundle.Arm = null;
        bundle.Target.LoginServer = "contoso.azurecr.io";  // as `probe contoso.azurecr.io` records it

        var report = Analyzer.Analyze(bundle);

        Assert.NotEqual(ReportStatus.Healthy, report.Status);
        var finding = Assert.Single(report.Findings, f => f.Id == RequestFailedRule.Id);
        Assert.Contains("403 refusing client IP 203.0.113.7", finding.Message);
        Assert.Contains("az acr network-rule add --name contoso --ip-address 203.0.113.7", finding.Solution[0]);
    }

    [Fact]
    public void SpecificErrorExplainsTheFailure_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().HealthyProbe()
            .WithLoginProbe(p => p.Http = new HttpProbe { Url = "https://contoso.azurecr.io/v2/", StatusCode = 403, DeniedClientIp = "203.0.113.7" }).View();
        var ipRule = new IpNotAllowedRule();
        var others = ipRule.Evaluate(evidence).Findings.Select(f => (ipRule.Descriptor, f)).ToList();

        var result = _rule.Evaluate(evidence, others);

        Assert.NotEmpty(others);
        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal(SkipKind.NotApplicable, result.SkipReason!.Kind);
    }

    [Fact]
    public void EveryStepSucceeded_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View()).Outcome);
    }

    [Fact]
    public void NoProbes_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[]", result.Reason);
    }
}
