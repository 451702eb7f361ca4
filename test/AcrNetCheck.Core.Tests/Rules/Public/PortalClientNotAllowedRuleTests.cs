using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Public;

public class PortalClientNotAllowedRuleTests
{
    private readonly PortalClientNotAllowedRule _rule = new();

    [Fact]
    public void ProbeRefusedNamingThisMachine_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().DefaultDeny().Vantage().HealthyProbe().DeniedByRegistry("20.81.4.12").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal("20.81.4.12", finding.Subject);
        Assert.Contains("the Azure portal cannot list contoso's repositories", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].http.deniedClientIp", finding.Evidence[0].Path);
        Assert.Equal(["az acr network-rule add --name contoso --ip-address 20.81.4.12"], finding.Fix);
    }

    [Fact]
    public void PublicAccessDisabled_PointsAtThePrivateEndpointNotAtAnIpRule()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().Vantage().HealthyProbe().DeniedByRegistry("20.81.4.12").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("only a machine whose traffic reaches a private endpoint", finding.Message);
        Assert.True(finding.FixReplacesSolution);
        Assert.DoesNotContain(finding.Fix, f => f.Contains("network-rule add"));
    }

    [Fact]
    public void ProbeAnswered401_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().Vantage().HealthyProbe().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void NoProbes_Skipped()
    {
        Assert.Equal("needs:probes", _rule.Evaluate(EvidenceBuilder.Create().Registry().View()).Reason);
    }
}
