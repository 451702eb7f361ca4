using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Tests.Evidence.Network;

public class AddressTests
{
    [Theory]
    [InlineData("10.1.0.5", AddressClass.Private)]
    [InlineData("172.31.255.1", AddressClass.Private)]
    [InlineData("172.32.0.1", AddressClass.Public)]
    [InlineData("192.168.7.7", AddressClass.Private)]
    [InlineData("100.64.0.1", AddressClass.SharedAddressSpace)]
    [InlineData("127.0.0.2", AddressClass.Loopback)]
    [InlineData("::1", AddressClass.Loopback)]
    [InlineData("169.254.169.254", AddressClass.LinkLocal)]
    [InlineData("fe80::1", AddressClass.LinkLocal)]
    [InlineData("fd00::4", AddressClass.Private)]
    [InlineData("20.42.65.1", AddressClass.Public)]
    [InlineData("2603:1030::1", AddressClass.Public)]
    [InlineData("not-an-ip", AddressClass.Invalid)]
    public void Classify_NamesTheKindOfAddress(string address, AddressClass expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(address));

    [Theory]
    [InlineData("16.17.18.0/24", "16.17.18.255", true)]
    [InlineData("16.17.18.0/24", "16.17.19.0", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("203.0.113.9", "203.0.113.9", true)]
    [InlineData("203.0.113.9/32", "203.0.113.10", false)]
    [InlineData("10.0.0.1/8", "10.200.0.1", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("0.0.0.0/0", "2001:db8::1", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    public void Prefix_ContainsIsCidrAware(string prefix, string address, bool expected) =>
        Assert.Equal(expected, IpPrefix.Parse(prefix).Contains(address));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0/8")]
    [InlineData("::/129")]
    [InlineData("")]
    public void Prefix_RejectsMalformed(string text) => Assert.False(IpPrefix.TryParse(text, out _));

    [Fact]
    public void Prefix_SizeOfSlash24Is256() => Assert.Equal(256, IpPrefix.Parse("10.1.0.0/24").Size);
}
