using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>Several source subnets, as <c>--from &lt;vnet&gt;</c> or <c>--aks</c> record them, and the paths analysis of a bundle.</summary>
public sealed partial class EvidenceBuilder
{
    /// <summary>The vantage is these subnets, judged from configuration; the first is also <c>vantage.subnetId</c>.</summary>
    public EvidenceBuilder SourceSubnets(string sourceKind, string sourceId, params string[] subnetIds)
    {
        _bundle.Vantage = new VantageEvidence
        {
            Kind = VantageKind.Subnet, SubnetId = subnetIds[0], SourceSubnetIds = subnetIds.ToList(),
            Source = new VantageSource { Kind = sourceKind, Id = sourceId },
        };
        return this;
    }

    /// <summary>The hub every private-endpoint scenario starts from: vnet-hub (10.1.0.0/16) with the endpoint in snet-pe, zone linked to the hub.</summary>
    public EvidenceBuilder HubPrivateEndpoint(string? skipRecordsFor = null) =>
        PrivateEndpointWithDns("vnet-hub", "snet-pe", skipRecordsFor: skipRecordsFor)
            .Subnet("vnet-hub", "snet-pe", "10.1.0.0/27").VirtualNetwork("vnet-hub", "10.1.0.0/16");

    /// <summary>The paths of the bundle's report, after checking that they agree with its findings (<see cref="Tests.Paths.PathAgreement"/>).</summary>
    public IReadOnlyList<ReachabilityPath> Paths()
    {
        var report = Analyzer.Analyze(Build());
        Assert.Empty(Tests.Paths.PathAgreement.Disagreements(report));
        return report.Paths;
    }
}
