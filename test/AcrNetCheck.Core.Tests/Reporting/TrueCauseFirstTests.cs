using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Reporting;

/// <summary>Issue 11: the true cause first, fixes that work, and wording that never contradicts the evidence.</summary>
public class TrueCauseFirstTests
{
    private const string Login = "contoso.azurecr.io";
    private static readonly string PeSubnet = EvidenceBuilder.SubnetId("vnet-hub", "snet-pe");

    [Theory]
    [InlineData("Pending")]
    [InlineData("Rejected")]
    public void PublicAccessOffAndEndpointNotApproved_EndpointIsTheRootAndNothingOpensPublicAccess(string status)
    {
        var report = Analyzer.Analyze(EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpoint(PeSubnet, status: status).Build());

        Assert.Equal(PrivateEndpointNotApprovedRule.Id, report.Findings[0].Id);
        var consequence = Assert.Single(report.Findings, f => f.Id == AccessDisabledRule.Id);
        Assert.Equal(report.Findings[0].Key, consequence.ExplainedBy);
        Assert.DoesNotContain(report.Findings.SelectMany(f => f.Solution), step => step.Contains("--public-network-enabled true"));
    }

    [Fact]
    public void ApprovedEndpointResolvedPublicly_FixIsDnsNeverPublicAccess()
    {
        var report = Analyzer.Analyze(EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns().ResolvedProbe(Login, "20.42.65.1").Build());

        var access = Assert.Single(report.Findings, f => f.Id == AccessDisabledRule.Id);
        Assert.DoesNotContain(access.Solution, step => step.Contains("--public-network-enabled true"));
    }

    [Fact]
    public void NameConfirmedByArm_DnsFailureNeverSaysCheckTheName()
    {
        var report = Analyzer.Analyze(EvidenceBuilder.Create().Registry().HealthyProbe()
            .WithLoginProbe(p => { p.Dns[0].Status = "nxdomain"; p.Dns[0].Addresses.Clear(); p.Tcp = null; p.Tls = null; p.Http = null; }).Build());

        var dns = Assert.Single(report.Findings, f => f.Id == DnsUnresolvableRule.Id);
        Assert.DoesNotContain(dns.Solution, step => step.StartsWith("Check the name", StringComparison.Ordinal));
        Assert.Contains(dns.Solution, step => step.Contains("ARM returned it"));
    }

    [Fact]
    public void LoopbackAnswerThatDnsGaveToo_IsNotBlamedOnTheHostsFile()
    {
        var evidence = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .ResolvedProbe(Login, "127.0.0.2", resolverAddress: "127.0.0.2").View();

        var finding = Assert.Single(new ResolvesPublicIpRule().Evaluate(evidence).Findings);

        Assert.DoesNotContain("hosts-file", finding.Message);
        Assert.DoesNotContain(finding.Fix, step => step.Contains("hosts-file"));
    }

    [Fact]
    public void PrivateAnswerWithoutAnyZoneGroup_NeverSpeaksOfTheRegistrysZone()
    {
        var b = EvidenceBuilder.Create().Registry().PublicAccessDisabled().PrivateEndpoint(PeSubnet);
        var evidence = b.List(AcrNetCheck.Core.Evidence.Arm.ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId()))
            .ResolvedProbe(Login, "10.7.7.7", "10.7.7.7", Login, "contoso.privatelink.azurecr.io").View();

        var finding = Assert.Single(new ResolvesPublicIpRule().Evaluate(evidence).Findings);

        Assert.DoesNotContain("whose private zone holds another address", finding.Message);
        Assert.Contains("no DNS zone group", finding.Message);
    }
}
