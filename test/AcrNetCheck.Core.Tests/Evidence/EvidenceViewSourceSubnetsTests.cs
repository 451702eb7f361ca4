using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Evidence;

public class EvidenceViewSourceSubnetsTests
{
    private static readonly string First = EvidenceBuilder.SubnetId("vnet-spoke", "pool-a");
    private static readonly string Second = EvidenceBuilder.SubnetId("vnet-spoke", "pool-b");

    [Fact]
    public void SubnetIdAlone_IsTheOnlySourceSubnet()
    {
        var view = EvidenceBuilder.Create().Registry().Vantage(VantageKind.AzureVm, subnetId: First).View();

        Assert.Equal([First], view.SourceSubnetIds);
    }

    [Fact]
    public void SubnetIdAndSourceSubnetIds_SubnetIdFirstWithoutRepeats()
    {
        var bundle = EvidenceBuilder.Create().Registry().Build();
        bundle.Vantage = new VantageEvidence { Kind = VantageKind.Subnet, SubnetId = Second, SourceSubnetIds = [First, Second.ToUpperInvariant()] };

        Assert.Equal([Second, First], new EvidenceView(bundle).SourceSubnetIds);
    }

    [Fact]
    public void SourceAndSubnetsSurviveTheBundleRoundTrip()
    {
        var bundle = EvidenceBuilder.Create().Registry().SourceSubnets("aks", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks1", First, Second).Build();

        Assert.Equal([First, Second], bundle.Vantage!.SourceSubnetIds);
        Assert.Equal(("aks", First), (bundle.Vantage.Source!.Kind, bundle.Vantage.SubnetId));
    }
}
