using AcrNetCheck.Core.Collection.Probes.Https;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Https;

public class RegistryAnswerTests
{
    [Fact]
    public void AcrFirewall403_NamesTheClientIp() =>
        Assert.Equal("203.0.113.7", RegistryAnswer.DeniedClientIp(
            """{"errors":[{"code":"DENIED","message":"client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}"""));

    [Fact]
    public void Ipv6Client_IsParsedToo() =>
        Assert.Equal("2001:db8::7", RegistryAnswer.DeniedClientIp("client with IP '2001:db8::7' is not allowed access"));

    [Theory]
    [InlineData("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherBodies_NameNoIp(string? body) => Assert.Null(RegistryAnswer.DeniedClientIp(body));

    [Fact]
    public void Snippet_IsOneLineAndShort()
    {
        var snippet = RegistryAnswer.Snippet("<html>\n" + new string('x', 1000))!;
        Assert.DoesNotContain("\n", snippet);
        Assert.Equal(RegistryAnswer.BodySnippetLength + 1, snippet.Length);
    }
}
