using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Auth;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Auth;

public class SuspectedRuleTests
{
    private readonly SuspectedRule _rule = new();

    [Fact]
    public void UnauthorizedWithoutNetworkDenial_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .LoginEvents(EvidenceBuilder.UnauthorizedLogin("203.0.113.7", count: 4, identity: "alice@contoso.com")).View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("203.0.113.7", finding.Subject);
        Assert.StartsWith("4 login(s) from 203.0.113.7 (public) as alice@contoso.com", finding.Message);
        Assert.Contains("failed authentication (401 Unauthorized)", finding.Message);
        Assert.Equal("loginEvents.groups[callerIpAddress=203.0.113.7]", finding.Evidence[0].Path);
        Assert.Equal("401 Unauthorized", finding.Evidence[0].Observed);
        Assert.Contains("az role assignment list --scope <registry-id> --assignee alice@contoso.com -o table", finding.Fix);
    }

    [Fact]
    public void UnauthorizedAfterSuccesses_DiagnosticHintsAtExpiredToken()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .LoginEvents(EvidenceBuilder.SuccessfulLogin("203.0.113.7", count: 9), EvidenceBuilder.UnauthorizedLogin("203.0.113.7", identity: "contoso")).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("also logged in 9 time(s)", finding.Message);
        Assert.Equal(["az acr login --name <registry>"], finding.Fix);
    }

    [Theory]
    [InlineData("401", "denied: requested access to the resource is denied")]
    [InlineData(null, "authentication required")]
    [InlineData("", "invalid credentials")]
    public void AuthenticationRecognisedByStatusBeforeWording_Diagnostic(string? resultType, string description)
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .LoginEvents(EvidenceBuilder.LoginEvent("203.0.113.7", resultType!, description)).View();

        Assert.Equal("203.0.113.7", Assert.Single(_rule.Evaluate(evidence).Findings).Subject);
    }

    [Fact]
    public void CallerAlsoDeniedByNetwork_NoDiagnosticForThatCaller()
    {
        var evidence = EvidenceBuilder.Create().Registry()
            .LoginEvents(EvidenceBuilder.UnauthorizedLogin("203.0.113.7"), EvidenceBuilder.NetworkDeniedLogin("203.0.113.7"),
                         EvidenceBuilder.UnauthorizedLogin("198.51.100.9"))
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("198.51.100.9", finding.Subject);
    }

    [Fact]
    public void OnlySuccessfulLogins_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().LoginEvents(EvidenceBuilder.SuccessfulLogin("203.0.113.7")).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoLoginEvents_SkippedNeedingThem()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:loginEvents", result.Reason);
    }
}
