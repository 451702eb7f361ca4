using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Evidence;

public class EvidenceLoaderTests
{
    [Fact]
    public void RoundTrip_KeepsArmDocumentsAsReturned_AndIdsCaseInsensitive()
    {
        var b = EvidenceBuilder.Create().Registry().RegistryProperty("someFutureField", "kept");
        var json = b.ToJson();

        var bundle = EvidenceLoader.Parse(json);

        Assert.Equal("kept", bundle.Arm!.Registry!.SelectToken("properties.someFutureField")!.ToString());
        Assert.Equal(json, EvidenceLoader.Serialize(bundle));
    }

    [Fact]
    public void ResourceLookup_IgnoresIdCase()
    {
        var b = EvidenceBuilder.Create().Registry().Subnet("vnet-a", "snet-a");
        var view = new EvidenceView(b.Build());

        Assert.NotNull(view.Resource<AcrNetCheck.Core.Evidence.Arm.SubnetView>(EvidenceBuilder.SubnetId("vnet-a", "snet-a").ToUpperInvariant()));
    }

    [Theory]
    [InlineData("{\"schemaVersion\": \"1.0\",", "line 1")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"hello\": 1}", "missing \"schemaVersion\"")]
    [InlineData("{\"schemaVersion\": \"2.7\"}", "unknown schemaVersion \"2.7\"")]
    [InlineData("{\"schemaVersion\": {\"major\": 1}}", "\"schemaVersion\" must be a string such as \"1.0\", found Object")]
    [InlineData("{\"schemaVersion\": 1.0}", "\"schemaVersion\" must be a string such as \"1.0\", found Float")]
    [InlineData("{\"schemaVersion\": \"\\u001b[2J\"}", "unknown schemaVersion \"\\u001b[2J\"")]
    [InlineData("{\"schemaVersion\": \"1.0\", \"collectionErrors\": 5}", "wrong shape")]
    public void BadBundle_OneClearLine(string json, string expected)
    {
        var ex = Assert.Throws<BundleFormatException>(() => EvidenceLoader.Parse(json, "b.json"));

        Assert.Contains(expected, ex.Message);
        Assert.StartsWith("b.json: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
