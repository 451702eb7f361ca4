using AcrNetCheck.Core.Collection.Probes.Proxy;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Proxy;

public class EnvironmentProxyTests
{
    private static EnvironmentProxy From(params (string Name, string Value)[] variables) =>
        EnvironmentProxy.From(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void LowerCaseWinsOverUpperCase_AsInDotNet()
    {
        var proxy = From(("HTTPS_PROXY", "http://upper:3128"), ("https_proxy", "http://lower:3128"));
        Assert.Equal("http://lower:3128/", proxy.For("contoso.azurecr.io")!.Uri.ToString());
    }

    [Fact]
    public void HttpProxyAloneIsNotUsedForHttps()
    {
        var proxy = From(("HTTP_PROXY", "http://proxy:3128"));
        Assert.Null(proxy.For("contoso.azurecr.io"));
        Assert.Null(proxy.Settings("contoso.azurecr.io")!.BypassesRegistry);
    }

    [Fact]
    public void AllProxyIsUsedWhenNoHttpsProxy() =>
        Assert.Equal("all", From(("ALL_PROXY", "http://all:8080")).For("contoso.azurecr.io")!.Uri.Host);

    [Fact]
    public void Credentials_AreSentSeparatelyAndNeverRecorded()
    {
        var proxy = From(("HTTPS_PROXY", "http://alice:s%40cret@proxy.corp:3128"), ("NO_PROXY", "localhost"));
        var address = proxy.For("contoso.azurecr.io")!;
        Assert.Equal("http://proxy.corp:3128/", address.Uri.ToString());
        Assert.Equal(("alice", "s@cret"), (address.Credential!.UserName, address.Credential.Password));

        var settings = proxy.Settings("contoso.azurecr.io")!;
        Assert.Equal("http://proxy.corp:3128", settings.HttpsProxy);
        Assert.False(settings.BypassesRegistry);
    }

    [Fact]
    public void SchemeLessProxy_IsHttp() =>
        Assert.Equal("http://proxy:3128/", From(("https_proxy", "proxy:3128")).For("contoso.azurecr.io")!.Uri.ToString());

    [Fact]
    public void NoProxyWithoutLeadingDot_IsNotedAndTheRegistryStillGoesThroughTheProxy()
    {
        var proxy = From(("HTTPS_PROXY", "http://proxy:3128"), ("no_proxy", "azurecr.io"));
        Assert.NotNull(proxy.For("contoso.azurecr.io"));
        var settings = proxy.Settings("contoso.azurecr.io")!;
        Assert.False(settings.BypassesRegistry);
        Assert.Contains("'.azurecr.io'", settings.BypassNote);
    }

    [Fact]
    public void NoProxyWithLeadingDot_BypassesTheRegistry()
    {
        var proxy = From(("HTTPS_PROXY", "http://proxy:3128"), ("NO_PROXY", ".azurecr.io"));
        Assert.Null(proxy.For("contoso.azurecr.io"));
        Assert.True(proxy.Settings("contoso.azurecr.io")!.BypassesRegistry);
    }

    [Fact]
    public void NoProxyVariables_NoSettings() => Assert.Null(From().Settings("contoso.azurecr.io"));
}
