using System.Net;

namespace AcrNetCheck.Core.Evidence.Network;

public enum AddressClass { Public, Private, SharedAddressSpace, Loopback, LinkLocal, Unspecified, Invalid }

/// <summary>Names the kind of an address the way a network engineer would: never a guess about where it leads.</summary>
internal static class AddressClassifier
{
    // RFC 1918 and RFC 4193 (IPv6 unique local).
    private static readonly IpPrefix[] PrivateRanges = new[] { "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7" }.Select(IpPrefix.Parse).ToArray();
    // RFC 6598 carrier-grade NAT space, which Azure also uses for some private addressing.
    private static readonly IpPrefix SharedAddressSpace = IpPrefix.Parse("100.64.0.0/10");
    private static readonly IpPrefix[] LinkLocalRanges = new[] { "169.254.0.0/16", "fe80::/10" }.Select(IpPrefix.Parse).ToArray();

    public static AddressClass Classify(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip)) return AddressClass.Invalid;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        if (IPAddress.IsLoopback(ip)) return AddressClass.Loopback;
        if (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any)) return AddressClass.Unspecified;
        if (LinkLocalRanges.Any(r => r.Contains(ip))) return AddressClass.LinkLocal;
        if (PrivateRanges.Any(r => r.Contains(ip))) return AddressClass.Private;
        if (SharedAddressSpace.Contains(ip)) return AddressClass.SharedAddressSpace;
        return AddressClass.Public;
    }

    /// <summary>Private in the sense that only a private network path leads there (RFC 1918, ULA or 100.64/10).</summary>
    public static bool IsPrivate(string? address) => Classify(address) is AddressClass.Private or AddressClass.SharedAddressSpace;

    public static string Describe(AddressClass c) => c switch
    {
        AddressClass.Public => "public",
        AddressClass.Private => "private",
        AddressClass.SharedAddressSpace => "shared address space (100.64/10)",
        AddressClass.Loopback => "loopback",
        AddressClass.LinkLocal => "link-local",
        AddressClass.Unspecified => "unspecified",
        _ => "not an IP address",
    };

    public static string Describe(string address) => Describe(Classify(address));
}
