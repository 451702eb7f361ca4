using AcrNetCheck.Core.Collection.Redaction;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;
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
        Assert.Equal("registry1.azurecr.io", redacted.Target.LoginServer); // the registry name is redacted too, consistently
        Assert.Equal(view.ExpectedPrivateAddresses(redacted.Target.LoginServer!), view.PrivateEndpoints[0].CustomDnsConfigs[0].IpAddresses);
        Assert.NotEmpty(view.ExpectedPrivateAddresses(redacted.Target.LoginServer!));
    }

    [Fact]
    public void Redact_KeepsMicrosoftServiceTags()
    {
        var redacted = BundleRedactor.Redact(PrivateRegistry());
        Assert.Equal(["20.42.65.0/24"], redacted.ServiceTags!.Tags["AzureContainerRegistry.EastUS"]);
    }

    [Fact]
    public void Redact_RemovesTenantObjectIdsPeopleTagsAndHostNames()
    {
        var bundle = B.Create().Registry().DefaultDeny()
            .LoginEvents(B.NetworkDeniedLogin("203.0.113.7", identity: "alice@contoso.com"), B.NetworkDeniedLogin("203.0.113.8", identity: "github-actions-sp"))
            .Build();
        var registry = bundle.Arm!.Registry!;
        registry["systemData"] = new JObject { ["createdBy"] = "bob@contoso.com", ["createdByType"] = "User", ["lastModifiedBy"] = "11111111-2222-3333-4444-555555555555" };
        registry["tags"] = new JObject { ["owner"] = "carol@contoso.com", ["costCenter"] = "CC-4711 Payments" };
        registry["identity"] = new JObject { ["tenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47", ["principalId"] = "9a8b7c6d-0000-4e4e-8f8f-123456789abc" };
        bundle.LoginEvents!.Groups[0].UserAgents = ["docker/27.3.1 (build-agent-07.corp.contoso.com)"];
        bundle.Vantage = new VantageEvidence { Kind = VantageKind.Local, Hostname = "laptop-alice" };
        bundle.CollectionErrors.Add(new CollectionError { Read = "networkSecurityGroup", Status = 403, ErrorCode = "AuthorizationFailed",
            Message = "The client 'dave@contoso.com' with object id '0f0f0f0f-1111-2222-3333-444444444444' does not have authorization to perform action over scope '/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-secret'" });

        var text = EvidenceLoader.Serialize(BundleRedactor.Redact(bundle));

        foreach (var secret in new[] { "contoso", "alice", "bob@", "carol", "dave", "github-actions-sp", "CC-4711", "build-agent-07", "laptop-alice", "nsg-secret",
                     "72f988bf-86f1-41af-91ab-2d7cd011db47", "9a8b7c6d-0000-4e4e-8f8f-123456789abc", "11111111-2222-3333-4444-555555555555", "0f0f0f0f-1111-2222-3333-444444444444" })
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' is still in:\n{text}");
        Assert.Contains("\"createdByType\": \"User\"", text);
        Assert.Contains("docker/27.3.1 (host", text);
    }

    [Fact]
    public void Redact_SameNameSamePseudonym_InIdsHostNamesAndMessages()
    {
        var redacted = BundleRedactor.Redact(PrivateRegistry());

        Assert.Equal("registry1.azurecr.io", redacted.Target.LoginServer);
        Assert.EndsWith("/registries/registry1", redacted.Target.ResourceId);
    }

    public static IEnumerable<object[]> AddressPairs()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var a = new byte[4]; random.NextBytes(a);
            var b = (byte[])a.Clone();
            var flipAt = random.Next(0, 32);
            b[flipAt / 8] ^= (byte)(0x80 >> (flipAt % 8));
            for (var bit = flipAt + 1; bit < 32; bit++) if (random.Next(2) == 1) b[bit / 8] ^= (byte)(0x80 >> (bit % 8));
            yield return [new System.Net.IPAddress(a).ToString(), new System.Net.IPAddress(b).ToString(), flipAt];
        }
    }

    [Theory]
    [MemberData(nameof(AddressPairs))]
    public void AddressMap_PrefixPreserving_AndClassPreserving(string a, string b, int sharedBits)
    {
        var map = new PrefixPreservingAddressMap(Key, [IpPrefix.Parse("20.42.64.0/22")]);
        var (ma, mb) = (map.Map(System.Net.IPAddress.Parse(a)), map.Map(System.Net.IPAddress.Parse(b)));

        Assert.Equal(sharedBits, CommonPrefix(ma, mb));
        Assert.Equal(AddressClassifier.Classify(a), AddressClassifier.Classify(ma.ToString()));
        Assert.Equal(IpPrefix.Parse($"{a}/{sharedBits}").Contains(b), map.Map(IpPrefix.Parse($"{a}/{sharedBits}")).Contains(mb));
    }

    [Fact]
    public void AddressMap_KeepsServiceTagRangesAndPrivateClasses()
    {
        var map = new PrefixPreservingAddressMap(Key, [IpPrefix.Parse("20.42.64.0/22")]);

        Assert.Equal("20.42.65.9", map.Map(System.Net.IPAddress.Parse("20.42.65.9")).ToString());
        Assert.True(IpPrefix.Parse("172.16.0.0/12").Contains(map.Map(System.Net.IPAddress.Parse("172.20.1.1"))));
        Assert.True(IpPrefix.Parse("100.64.0.0/10").Contains(map.Map(System.Net.IPAddress.Parse("100.100.1.1"))));
        Assert.True(IpPrefix.Parse("fd00::/8").Contains(map.Map(System.Net.IPAddress.Parse("fd12:3456::1"))));
        Assert.NotEqual("10.1.0.4", map.Map(System.Net.IPAddress.Parse("10.1.0.4")).ToString());
    }

    private static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static int CommonPrefix(System.Net.IPAddress x, System.Net.IPAddress y)
    {
        var (a, b) = (x.GetAddressBytes(), y.GetAddressBytes());
        for (var bit = 0; bit < a.Length * 8; bit++)
            if (((a[bit / 8] ^ b[bit / 8]) & (0x80 >> (bit % 8))) != 0) return bit;
        return a.Length * 8;
    }
}
