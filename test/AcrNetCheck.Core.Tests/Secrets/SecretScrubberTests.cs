using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Secrets;

namespace AcrNetCheck.Core.Tests.Secrets;

public sealed class SecretScrubberTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJlLTEyMzQ1Njc4OTA";

    [Theory]
    [InlineData($"Authorization: Bearer {Jwt}", "Authorization: Bearer [redacted-jwt]")]
    [InlineData("Authorization: Bearer opaque-token-1234567890", "Authorization: Bearer [redacted]")]
    [InlineData("\"authorization\": \"Basic dXNlcjpwYXNzd29yZA==\"", "\"authorization\": \"Basic [redacted]\"")]
    [InlineData("https://a.blob.core.windows.net/c/b?sv=2022-11-02&sig=abc%2Bdef%3D&se=2030", "https://a.blob.core.windows.net/c/b?sv=2022-11-02&sig=[redacted]&se=2030")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=c2VjcmV0a2V5;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=[redacted];EndpointSuffix=core.windows.net")]
    [InlineData("{\"access_token\": \"opaque\", \"client_secret\": \"s3cr3t\"}", "{\"access_token\": \"[redacted]\", \"client_secret\": \"[redacted]\"}")]
    [InlineData("The client 'ci@contoso.com' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization", "The client 'ci@contoso.com' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization")]
    public void Scrub_RemovesTheSecret_KeepsTheRest(string text, string expected) => Assert.Equal(expected, SecretScrubber.Scrub(text));

    [Fact]
    public void Scrub_StorageKeyOnItsOwn()
    {
        var key = new string('A', 43) + "b+/" + new string('c', 40) + "==";
        Assert.Equal("key was [redacted].", SecretScrubber.Scrub($"key was {key}."));
    }

    [Fact]
    public void CollectionError_ScrubsWhatEntersIt_AlsoFromALoadedBundle()
    {
        var json = $$"""{"schemaVersion": "1.0", "collectionErrors": [{"read": "registry", "errorCode": "Bad{{Jwt}}", "message": "echo: Bearer {{Jwt}}"}]}""";

        var error = Assert.Single(EvidenceLoader.Parse(json).CollectionErrors);

        Assert.DoesNotContain(Jwt, error.Message);
        Assert.DoesNotContain(Jwt, error.ErrorCode);
        Assert.Equal("echo: Bearer [redacted-jwt]", error.Message);
    }
}
