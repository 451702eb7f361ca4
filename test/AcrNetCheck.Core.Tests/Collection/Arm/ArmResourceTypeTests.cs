using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Collection.Arm;

public sealed class ArmResourceTypeTests
{
    private static readonly string Registry = EvidenceBuilder.Create().Registry().RegistryId;
    private static readonly string Zone = EvidenceBuilder.ZoneIdOf();

    public static TheoryData<string, string> Permissions => new()
    {
        { Registry, "Microsoft.ContainerRegistry/registries/read" },
        { ArmPaths.Replications(Registry), "Microsoft.ContainerRegistry/registries/replications/read" },
        { ArmPaths.DiagnosticSettings(Registry), "Microsoft.Insights/diagnosticSettings/read" },
        { ArmPaths.ARecordSets(Zone), "Microsoft.Network/privateDnsZones/A/read" },
        { ArmPaths.VirtualNetworkLinks(Zone), "Microsoft.Network/privateDnsZones/virtualNetworkLinks/read" },
        { EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"), "Microsoft.Network/virtualNetworks/subnets/read" },
        { ArmPaths.Provider(EvidenceBuilder.Subscription), "Microsoft.Resources/subscriptions/providers/read" },
        { $"/subscriptions/{EvidenceBuilder.Subscription}/providers/Microsoft.Network/locations/eastus/serviceTags", "Microsoft.Network/locations/serviceTags/read" },
        { $"/subscriptions/{EvidenceBuilder.Subscription}/resources", "Microsoft.Resources/subscriptions/resources/read" },
    };

    [Theory]
    [MemberData(nameof(Permissions))]
    public void ReadPermission_NamesTheRbacAction(string path, string action) => Assert.Equal(action, ArmResourceType.ReadPermission(path));

    [Fact]
    public void EveryReadTypeHasOnePinnedApiVersion()
    {
        foreach (var path in Permissions.Select(row => (string)row[0]).Where(p => !p.EndsWith("/resources")))
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}(-preview)?$", ApiVersions.For(path));
        Assert.Equal("2021-08-01-preview", ApiVersions.For(Registry));
    }
}
