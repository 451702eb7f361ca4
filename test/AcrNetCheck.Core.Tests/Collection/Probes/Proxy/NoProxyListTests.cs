using AcrNetCheck.Core.Collection.Probes.Proxy;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Proxy;

public class NoProxyListTests
{
    [Theory]
    [InlineData(".azurecr.io", true)]
    [InlineData("contoso.azurecr.io", true)]
    [InlineData("CONTOSO.AZURECR.IO", true)]
    [InlineData("localhost, .azurecr.io", true)]
    // .NET matches subdomains only with a leading dot: these bypass curl and Docker, not .NET.
    [InlineData("azurecr.io", false)]
    [InlineData("*.azurecr.io", false)]
    [InlineData("*", false)]
    [InlineData("fabrikam.azurecr.io", false)]
    [InlineData("", false)]
    public void DotNet_BypassesOnlyWithALeadingDotOrTheExactName(string noProxy, bool bypassed) =>
        Assert.Equal(bypassed, new NoProxyList(noProxy, NoProxyDialect.DotNet).Bypasses("contoso.azurecr.io"));

    [Theory]
    [InlineData("azurecr.io", true)]
    [InlineData(".azurecr.io", true)]
    [InlineData("*.azurecr.io", true)]
    [InlineData("*", true)]
    [InlineData("azurecr.io:443", true)]
    [InlineData("io.azurecr", false)]
    [InlineData("cr.io", false)]
    public void Go_MatchesDomainsAndTheirSubdomains(string noProxy, bool bypassed) =>
        Assert.Equal(bypassed, new NoProxyList(noProxy, NoProxyDialect.Go).Bypasses("contoso.azurecr.io"));

    [Fact]
    public void Go_LeadingDotMatchesSubdomainsButNotTheDomainItself() =>
        Assert.False(new NoProxyList(".azurecr.io", NoProxyDialect.Go).Bypasses("azurecr.io"));

    [Theory]
    [InlineData("localhost,azurecr.io", "azurecr.io")]
    [InlineData("*.azurecr.io", "*.azurecr.io")]
    [InlineData(".azurecr.io", null)]
    [InlineData("localhost", null)]
    public void EntryIgnoredByDotNet_NamesTheEntryThatLooksRightButDoesNotMatch(string noProxy, string? ignored) =>
        Assert.Equal(ignored, new NoProxyList(noProxy, NoProxyDialect.DotNet).EntryIgnoredByDotNet("contoso.azurecr.io"));
}
