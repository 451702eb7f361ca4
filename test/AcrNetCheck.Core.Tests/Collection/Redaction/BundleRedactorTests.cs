using AcrNetCheck.Core.Collection.Redaction;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;
using B = AcrNetCheck.Core.Tests.Support.EvidenceBuilder;

namespace AcrNetCheck.Core.Tests.Collection.Redaction;

public sealed class BundleRedactorTests
{
    private static EvidenceBundle PrivateRegistry() => B.Create().Registry().PublicAccessDisabled().IpRule("203.0.113.0/24")
        .PrivateEndpoint(B.SubnetId("vnet-hub", "snet-pe")).Vantage(VantageKind.AzureVm, publicIp: "198.51.100.9", subnetId: B.SubnetId("vnet-hub", "snet-build"))
        .ServiceTag("AzureContainerRegistry.EastUS", "20.42.65.0/24").Build();

    [Fact]
    public void Redact_RemovesSubscriptionGroupsAndAddresses()
    {
        var text = EvidenceLoader.Serialize(BundleRedactor.Redact(PrivateRegistry()));

        Assert.DoesNotContain(B.Subscription, text);
        Assert.DoesNotContain(B.Group, text);
        Assert.DoesNotContain(B.NetGroup, text);
        Assert.DoesNotContain("10.1.0.4", text);
        Assert.DoesNotContain("203.0.113.0", text);
        Assert.DoesNotContain("198.51.100.9", text);
    }

    [Fact]
    public void Redact_SameInputSamePlaceholder_IdsStillJoin()
    {
        var redacted = BundleRedactor.Redact(PrivateRegistry());
        var view = new EvidenceView(redacted);

        Assert.Single(view.PrivateEndpoints);
        Assert.Equal(redacted.Target.ResourceId, view.Registry!.Id);
        Assert.Equal(view.ExpectedPrivateAddresses("contoso.azurecr.io"), view.PrivateEndpoints[0].CustomDnsConfigs[0].IpAddresses);
    }

    [Fact]
    public void Redact_KeepsMicrosoftServiceTags()
    {
        var redacted = BundleRedactor.Redact(PrivateRegistry());
        Assert.Equal(["20.42.65.0/24"], redacted.ServiceTags!.Tags["AzureContainerRegistry.EastUS"]);
    }
}
