using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules.Vnet;

public class PrivateEndpointSubnetFullRuleTests
{
    private readonly PrivateEndpointSubnetFullRule _rule = new();
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    // A /28 holds 16 addresses; Azure reserves 5, leaving 11.
    [Fact]
    public void NoAddressLeftForTheReplica_Diagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet)
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/28", usedAddresses: 11).View();

        var finding = Assert.Single(_rule.Evaluate(evidence).Findings);

        Assert.Equal(PeSubnet, finding.Subject);
        Assert.Contains("Subnet snet-pe (10.1.0.0/28) has 0 free address(es) (11 usable", finding.Message);
        Assert.Contains("pe-contoso", finding.Message);
        Assert.Equal("11 in use of 11 usable", finding.Evidence[0].Observed);
    }

    [Fact]
    public void OneAddressLeftForOneEndpoint_NoDiagnostic()
    {
        var evidence = EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet)
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/28", usedAddresses: 10).View();

        Assert.Equal(RuleOutcome.Passed, _rule.Evaluate(evidence).Outcome);
    }

    [Fact]
    public void SubnetReadFailed_SkippedWithPermission()
    {
        var evidence = EvidenceBuilder.Create().Registry().PrivateEndpoint(PeSubnet)
            .CollectionError("subnet", PeSubnet, 403, "AuthorizationFailed", "Microsoft.Network/virtualNetworks/subnets/read").View();

        var result = _rule.Evaluate(evidence);

        Assert.Equal(RuleOutcome.Skipped, result.Outcome);
        Assert.Contains("Microsoft.Network/virtualNetworks/subnets/read", result.Reason);
    }

    [Fact]
    public void NoPrivateEndpoint_NotApplicable()
    {
        var result = _rule.Evaluate(EvidenceBuilder.Create().Registry().View());

        Assert.StartsWith("not-applicable", result.Reason);
    }
}
