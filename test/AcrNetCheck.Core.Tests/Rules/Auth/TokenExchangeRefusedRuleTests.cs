using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Auth;

public class TokenExchangeRefusedRuleTests
{
    private readonly TokenExchangeRefusedRule _rule = new();

    [Fact]
    public void ExchangeRefused_Diagnostic()
    {
        var b = EvidenceBuilder.Create().Registry().HealthyProbe().PullTest(("exchange", 401, "UNAUTHORIZED: the identity is not authorized"));

        var finding = Assert.Single(_rule.Evaluate(b.View()).Findings);

        Assert.Equal("https://contoso.azurecr.io/oauth2/exchange", finding.Subject);
        Assert.Contains("refused to exchange the signed-in identity's Microsoft Entra token", finding.Message);
        Assert.Contains("HTTP 401 (UNAUTHORIZED: the identity is not authorized)", finding.Message);
        Assert.Equal(("probes.pullTest.steps[0].statusCode", "401"), (finding.Evidence[0].Path, finding.Evidence[0].Observed));
        Assert.Equal([$"az role assignment create --assignee <principal-id> --role AcrPull --scope {b.RegistryId}"], finding.Fix);
        Assert.Equal(Severity.Error, _rule.Descriptor.Severity);
    }

    [Fact]
    public void RepositoryTokenRefused_NamesTheRepository()
    {
        var evidence = EvidenceBuilder.Create().HealthyProbe().PullTest(("exchange", 200, null), ("token", 403, "DENIED: requested access to the resource is denied")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("refused a token for repository samples/hello (pull)", finding.Message);
        Assert.Empty(finding.Fix);
    }

    [Fact]
    public void ExchangeAndTokenGranted_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().HealthyProbe().PullTest(("exchange", 200, null), ("token", 200, null), ("manifest", 200, null)).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void ExchangeGotNoAnswer_IsANetworkCause_NotApplicable()
    {
        var b = EvidenceBuilder.Create().HealthyProbe().PullTest(("exchange", null, "connection refused"));
        var evidence = b.Build();
        evidence.Probes!.PullTest!.Steps[0].ErrorKind = HttpErrorKind.Connection;

        var result = _rule.Evaluate(new EvidenceView(evidence));

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.StartsWith("not-applicable:the exchange request got no answer (connection)", result.Reason);
    }

    [Fact]
    public void NoPullTest_Skipped()
    {
        Assert.Equal("needs:probes.pullTest (probe --pull-test)", _rule.Evaluate(EvidenceBuilder.Create().HealthyProbe().View()).Reason);
    }
}
