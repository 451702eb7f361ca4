using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Client;

public class TlsInterceptedRuleTests
{
    private readonly TlsInterceptedRule _rule = new();

    [Fact]
    public void InspectionRootTrustedLocally_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().InterceptedTls("contoso.azurecr.io").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        var finding = Assert.Single(result.Findings);
        Assert.Equal("contoso.azurecr.io", finding.Subject);
        Assert.Contains("CN=Contoso Inspection Issuing CA", finding.Message);
        Assert.Contains("CN=Contoso Inspection Root CA", finding.Message);
        Assert.Equal("probes.endpoints[host=contoso.azurecr.io].tls.chain[2].subject", finding.Evidence[0].Path);
        Assert.Equal("CN=Contoso Inspection Root CA, O=Contoso", finding.Evidence[0].Observed);
        Assert.Contains(finding.Fix, f => f.Contains("/etc/docker/certs.d/contoso.azurecr.io/ca.crt"));
    }

    [Fact]
    public void UntrustedInspectionRoot_DiagnosticNamesValidationErrors()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .InterceptedTls("contoso.azurecr.io", policyErrors: ["RemoteCertificateChainErrors"], chainStatus: ["UntrustedRoot"])
            .View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("RemoteCertificateChainErrors", finding.Message);
        Assert.Contains("UntrustedRoot", finding.Message);
        Assert.Contains(finding.Evidence, e => e.Path.EndsWith(".tls.policyErrors"));
    }

    [Fact]
    public void NameMismatchUnderAzureRoot_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => p.Tls!.PolicyErrors.Add("RemoteCertificateNameMismatch"))
            .View();

        Assert.Contains("RemoteCertificateNameMismatch", Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void ChainToDigiCertGlobalRootG2_NoDiagnostic()
    {
        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(EvidenceBuilder.Create().Registry().HealthyProbe().View()).Outcome);
    }

    [Fact]
    public void NoTlsProbe_SkippedNeedingTls()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe().TcpBlocked("contoso.azurecr.io").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Equal("needs:probes.endpoints[].tls", result.Reason);
    }
}
