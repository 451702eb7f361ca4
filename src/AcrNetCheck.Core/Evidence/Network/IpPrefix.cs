using System.Net;
using System.Net.Sockets;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>An IPv4 or IPv6 CIDR prefix; a bare address is a /32 or /128.</summary>
public readonly record struct IpPrefix(IPAddress Network, int Length)
{
    public bool IsIPv4 => Network.AddressFamily == AddressFamily.InterNetwork;
    public int MaxLength => IsIPv4 ? 32 : 128;

    /// <summary>Number of addresses, capped at long.MaxValue for huge IPv6 prefixes.</summary>
    public long Size => MaxLength - Length >= 63 ? long.MaxValue : 1L << (MaxLength - Length);

    public static bool TryParse(string? text, out IpPrefix prefix)
    {
        prefix = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('/');
        // IPAddress.TryParse accepts inet_aton shorthands ("10.1" is 10.0.0.1); a rule written that way is a typo, not an address.
        if (!parts[0].Contains(':') && parts[0].Split('.').Length != 4) return false;
        if (parts.Length > 2 || !IPAddress.TryParse(parts[0], out var address)) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = max;
        if (parts.Length == 2 && (!int.TryParse(parts[1], out length) || length < 0 || length > max)) return false;
        prefix = new IpPrefix(Mask(address, length), length);
        return true;
    }

    public static IpPrefix Parse(string text) =>
        TryParse(text, out var p) ? p : throw new FormatException($"'{text}' is not an IP address or CIDR prefix.");

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Network.AddressFamily) return false;
        return Mask(address, Length).Equals(Network);
    }

    public bool Contains(string address) => IPAddress.TryParse(address, out var a) && Contains(a);

    /// <summary>Whether this prefix covers all of <paramref name="other"/>.</summary>
    public bool Covers(IpPrefix other) => other.Network.AddressFamily == Network.AddressFamily && other.Length >= Length && Contains(other.Network);

    private static IPAddress Mask(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsLeft = length - i * 8;
            bytes[i] &= bitsLeft >= 8 ? (byte)0xFF : bitsLeft <= 0 ? (byte)0 : (byte)(0xFF << (8 - bitsLeft));
        }
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{Network}/{Length}";
}
