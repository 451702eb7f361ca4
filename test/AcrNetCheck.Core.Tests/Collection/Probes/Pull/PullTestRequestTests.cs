using AcrNetCheck.Core.Collection.Probes.Pull;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Pull;

public class PullTestRequestTests
{
    [Theory]
    [InlineData("samples/hello", "samples/hello", null)]
    [InlineData("samples/hello:v1.2", "samples/hello", "v1.2")]
    [InlineData("team/app@sha256:abc123", "team/app", "sha256:abc123")]
    [InlineData("", null, null)]
    [InlineData(null, null, null)]
    public void Parses(string? image, string? repository, string? reference)
    {
        Assert.True(PullTestRequest.TryParse(image, out var request));
        Assert.Equal((repository, reference), (request.Repository, request.Tag));
    }

    [Theory]
    [InlineData("Samples/Hello")]
    [InlineData("samples//hello")]
    [InlineData("samples/hello:")]
    [InlineData("https://contoso.azurecr.io/samples/hello")]
    public void RefusesWhatIsNoRepository(string image) => Assert.False(PullTestRequest.TryParse(image, out _));
}
