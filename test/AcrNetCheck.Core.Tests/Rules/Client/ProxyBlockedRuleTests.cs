using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class ProxyBlockedRuleTests
{
    private readonly ProxyBlockedRule _rule = new();

    [Fact]
    public void ProxyRefusesConnectWith403_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .ProxyFailure("contoso.azurecr.io", HttpErrorKind.ProxyConnectRefused, proxyStatus: 403)
            .View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("http://proxy.corp.example:3128", finding.Message);
        Assert.Contains("403", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].http.errorKind", finding.Evidence[0].Path);
        Assert.Equal(HttpErrorKind.ProxyConnectRefused, finding.Evidence[0].Observed);
        Assert.Contains(finding.Evidence, e => e.Path.EndsWith(".http.proxyStatusCode") && e.Observed == "403");
        Assert.Contains(finding.Fix, f => f.Contains("CONNECT to contoso.azurecr.io:443"));
    }

    [Theory]
    [InlineData(HttpErrorKind.ProxyClosed, "EOF")]
    [InlineData(HttpErrorKind.ProxyAuthRequired, "407")]
    [InlineData(HttpErrorKind.ProxyUnreachable, "could not be reached")]
    public void EachProxyFailure_SaysWhatTheProxyDid(string errorKind, string expected)
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().ProxyFailure("contoso.azurecr.io", errorKind).View();

        Assert.Contains(expected, Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void ProxyUrlWithCredentials_CredentialsNeverShown()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .ProxyFailure("contoso.azurecr.io", HttpErrorKind.ProxyClosed, proxy: "http://alice:s3cret@proxy.corp.example:3128")
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("http://proxy.corp.example:3128", finding.Message);
        Assert.DoesNotContain("s3cret", finding.Message + string.Concat(finding.Fix));
    }

    [Fact]
    public void RegistryAnswersThroughProxy_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => p.Http!.Proxy = "http://proxy.corp.example:3128")
            .View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoHttpProbe_SkippedNeedingHttp()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[].http", result.Reason);
    }
}
