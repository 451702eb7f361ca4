using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class ProxyDockerMismatchRuleTests
{
    private readonly ProxyDockerMismatchRule _rule = new();

    [Fact]
    public void DaemonHasNoProxy_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().ShellProxy("http://proxy.corp.example:3128").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Contains("http://proxy.corp.example:3128", finding.Message);
        Assert.Contains("no HTTPS proxy", finding.Message);
        Assert.Equal("probes.proxy.dockerDaemon.httpsProxy", finding.Evidence[0].Path);
        Assert.Null(finding.Evidence[0].Observed);
        Assert.Equal("http://proxy.corp.example:3128", finding.Evidence[0].Expected);
        Assert.Contains(finding.Fix, f => f.Contains("HTTPS_PROXY=http://proxy.corp.example:3128"));
    }

    [Fact]
    public void DaemonUsesAnotherProxy_DiagnosticNamesBoth()
    {
        var evidence = EvidenceBuilder.Create().Registry().ShellProxy("http://proxy.corp.example:3128", "http://old-proxy.corp.example:8080").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("http://proxy.corp.example:3128", finding.Message);
        Assert.Contains("http://old-proxy.corp.example:8080", finding.Message);
        Assert.Equal("http://old-proxy.corp.example:8080", finding.Evidence[0].Observed);
    }

    [Fact]
    public void ShellProxyWithCredentials_CredentialsNeverPrinted()
    {
        var evidence = EvidenceBuilder.Create().Registry().ShellProxy("http://alice:s3cret@proxy.corp.example:3128").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        var everything = finding.Message + string.Concat(finding.Fix) + string.Concat(finding.Evidence.Select(e => e.Observed + e.Expected));
        Assert.DoesNotContain("s3cret", everything);
        Assert.DoesNotContain("alice", everything);
        Assert.Contains(finding.Fix, f => f.Contains("HTTPS_PROXY=http://<user>:<password>@proxy.corp.example:3128"));
    }

    [Fact]
    public void SameProxyDifferingOnlyInCredentialsAndSlash_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .ShellProxy("http://alice:s3cret@proxy.corp.example:3128", "http://bob:other@PROXY.corp.example:3128/")
            .View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoProxyEvidence_SkippedNeedingIt()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.proxy", result.Reason);
    }

    [Fact]
    public void ShellWithoutProxy_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ShellProxy(null).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:", result.Reason);
    }

    [Fact]
    public void DockerConfigNotInspected_SkippedNeedingDaemonConfig()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().ShellProxy("http://proxy.corp.example:3128", dockerConfigInspected: false).View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.proxy.dockerDaemon", result.Reason);
    }
}
