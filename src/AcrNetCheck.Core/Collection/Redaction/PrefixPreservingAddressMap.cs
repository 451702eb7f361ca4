using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Collection.Redaction;

/// <summary>
/// Keyed, prefix-preserving pseudonyms for IP addresses (the Crypto-PAn construction, Xu et al. 2002, with HMAC-SHA256 as
/// the pseudo-random function): bit i of the output is bit i of the input flipped by a keyed function of the bits before
/// it. Two addresses sharing their first n bits map to addresses sharing exactly their first n bits, so every CIDR match
/// in the bundle (IP rules, NSG prefixes, routes, subnets) gives the same answer after redaction, and a prefix maps to the
/// prefix of its addresses' images.
/// </summary>
/// <remarks>
/// Bits are never flipped where that would change what a rule concludes: the first octet of an IPv4 address (and more in
/// the octets holding special ranges, so private, shared, loopback and link-local addresses stay what they are; the first
/// hextet of IPv6), and along the path to and inside the kept prefixes — Microsoft's published service-tag ranges, which
/// stay as they are, so an address inside one stays inside it.
/// </remarks>
internal sealed class PrefixPreservingAddressMap
{
    private readonly byte[] _key;
    /// <summary>(family bits, length, prefix bits) of every prefix of a kept range (the path to it) and of the ranges themselves.</summary>
    private readonly HashSet<(int Width, int Length, UInt128 Bits)> _pathToKept = new();
    private readonly HashSet<(int Width, int Length, UInt128 Bits)> _kept = new();
    private readonly Dictionary<(int, UInt128), UInt128> _cache = new();

    public PrefixPreservingAddressMap(byte[] key, IEnumerable<IpPrefix> kept)
    {
        _key = key;
        foreach (var prefix in kept)
        {
            var (width, bits) = ToBits(prefix.Network);
            _kept.Add((width, prefix.Length, bits));
            for (var length = 0; length <= prefix.Length; length++) _pathToKept.Add((width, length, Truncate(bits, width, length)));
        }
    }

    public IPAddress Map(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var (width, bits) = ToBits(address);
        if (!_cache.TryGetValue((width, bits), out var mapped)) _cache[(width, bits)] = mapped = MapBits(width, bits);
        return FromBits(width, mapped);
    }

    /// <summary>A prefix's image: the image of its network address, cut to the same length (the bits after it stay zero).</summary>
    public IpPrefix Map(IpPrefix prefix)
    {
        var (width, bits) = ToBits(Map(prefix.Network));
        return new IpPrefix(FromBits(width, Truncate(bits, width, prefix.Length)), prefix.Length);
    }

    private UInt128 MapBits(int width, UInt128 bits)
    {
        var kept = KeptLength(width, bits);
        var result = bits;
        for (var i = kept; i < width; i++)
        {
            var before = Truncate(bits, width, i);
            if (IsOnKeptPath(width, i, before)) continue;
            if (Flip(width, i, before)) result ^= UInt128.One << (width - 1 - i);
        }
        return result;
    }

    private bool IsOnKeptPath(int width, int length, UInt128 prefix)
    {
        if (_pathToKept.Contains((width, length, prefix))) return true;
        for (var l = 0; l <= length; l++)
            if (_kept.Contains((width, l, Truncate(prefix, width, l)))) return true;
        return false;
    }

    private bool Flip(int width, int index, UInt128 before)
    {
        Span<byte> input = stackalloc byte[18];
        input[0] = (byte)width;
        input[1] = (byte)index;
        BitConverter.TryWriteBytes(input[2..10], (ulong)(before >> 64));
        BitConverter.TryWriteBytes(input[10..18], (ulong)before);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(_key, input, hash);
        return (hash[0] & 1) == 1;
    }

    /// <summary>
    /// How many leading bits stay: enough that the address's class (AddressClassifier) cannot change. IPv4: the first octet,
    /// more where a special range is longer (172.16/12, 100.64/10, 169.254/16, 192.168/16), all of 0/8 and 127/8 kept
    /// class-wise by their /8; IPv6: the first hextet, all of ::/16 (::, ::1, IPv4-mapped).
    /// </summary>
    private static int KeptLength(int width, UInt128 bits)
    {
        if (width == 128) return (bits >> 112) == 0 ? 128 : 16;
        return (int)(bits >> 24) switch
        {
            0 => 32,
            100 => 10,
            169 or 192 => 16,
            172 => 12,
            _ => 8,
        };
    }

    private static UInt128 Truncate(UInt128 bits, int width, int length) =>
        length == 0 ? UInt128.Zero : length >= width ? bits : bits & ~((UInt128.One << (width - length)) - 1);

    private static (int Width, UInt128 Bits) ToBits(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        var value = UInt128.Zero;
        foreach (var b in bytes) value = (value << 8) | b;
        return (bytes.Length * 8, value);
    }

    private static IPAddress FromBits(int width, UInt128 bits)
    {
        var bytes = new byte[width / 8];
        for (var i = bytes.Length - 1; i >= 0; i--, bits >>= 8) bytes[i] = (byte)(bits & 0xFF);
        return new IPAddress(bytes);
    }

    public static bool IsIPv6(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6;
}
