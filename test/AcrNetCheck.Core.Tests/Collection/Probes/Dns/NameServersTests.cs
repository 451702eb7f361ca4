using System.Net;
using AcrNetCheck.Core.Collection.Probes.Dns;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Dns;

public class NameServersTests
{
    [Fact]
    public void ResolvConf_NameserverLinesInOrder_CommentsIgnored()
    {
        var servers = NameServers.FromResolvConf("""
            # generated
            search corp.example
            nameserver 10.0.0.4
            ; nameserver 8.8.8.8
            nameserver fe80::1%eth0
            nameserver 168.63.129.16 # Azure DNS
            options timeout:1
            """);
        Assert.Equal(["10.0.0.4:53", "[fe80::1]:53", "168.63.129.16:53"], servers.Select(s => s.ToString()));
    }

    [Fact]
    public void EmptyResolvConf_NoServers_NeverAPublicFallback() => Assert.Empty(NameServers.FromResolvConf(""));

    [Theory]
    [InlineData("10.0.0.4", "10.0.0.4:53")]
    [InlineData("10.0.0.4:5353", "10.0.0.4:5353")]
    [InlineData("fd00::4", "[fd00::4]:53")]
    [InlineData("[fd00::4]:5353", "[fd00::4]:5353")]
    public void DnsServerOption_Parses(string value, string expected) => Assert.Equal(expected, NameServers.ParseServer(value)!.ToString());

    [Theory]
    [InlineData("dns.corp.example")]
    [InlineData("10.0.0.4:0")]
    public void DnsServerOption_RejectsNonAddresses(string value) => Assert.Null(NameServers.ParseServer(value));
}
