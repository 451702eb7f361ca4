using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class ServiceEndpointNeedsAzureHostRuleTests
{
    private readonly ServiceEndpointNeedsAzureHostRule _rule = new();
    private static readonly string BuildSubnet = EvidenceBuilder.SubnetId("vnet-app", "snet-build");

    private static EvidenceBuilder VnetRuleRegistry() => EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(BuildSubnet);

    [Fact]
    public void LaptopRelyingOnVnetRule_Diagnostic()
    {
        var evidence = VnetRuleRegistry().Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe().DeniedByRegistry("203.0.113.7").View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Contains("a machine outside Azure", finding.Message);
        Assert.Contains("snet-build", finding.Message);
        Assert.Contains("no IP rule covers this machine's address 203.0.113.7", finding.Message);
        Assert.Equal(("vantage.kind", "local"), (finding.Evidence[0].Path, finding.Evidence[0].Observed));
        Assert.Equal(["az acr network-rule add --name contoso --ip-address 203.0.113.7"], finding.Fix);
        Assert.Equal(Severity.Warning, _rule.Descriptor.Severity);
    }

    [Fact]
    public void CloudShell_IsNamed()
    {
        var evidence = VnetRuleRegistry().Vantage(VantageKind.CloudShell).HealthyProbe().View();

        Assert.Contains("Azure Cloud Shell", Assert.Single(_rule.Evaluate(evidence).Findings).Message);
    }

    [Fact]
    public void LaptopAllowedByAnIpRule_NoDiagnostic()
    {
        var evidence = VnetRuleRegistry().IpRule("203.0.113.0/24").Vantage(VantageKind.Local, publicIp: "203.0.113.7").HealthyProbe().View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void AzureVmInTheSubnet_NotApplicable()
    {
        var evidence = VnetRuleRegistry().Vantage(VantageKind.AzureVm, subnetId: BuildSubnet).HealthyProbe().View();

        Assert.StartsWith("not-applicable:", _rule.Evaluate(evidence).Reason);
    }

    [Fact]
    public void NoProbes_Skipped()
    {
        Assert.Equal("needs:probes from the client (vantage)", _rule.Evaluate(VnetRuleRegistry().View()).Reason);
    }

    [Fact]
    public void VnetRulesHiddenByTheApiVersion_Skipped()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().DefaultDeny().VnetRulesHidden().Vantage().HealthyProbe().View());

        Assert.StartsWith("needs:", result.Reason);
    }
}
