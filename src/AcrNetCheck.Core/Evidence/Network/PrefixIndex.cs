using System.Net;
using System.Net.Sockets;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>
/// A set of IPv4 and IPv6 prefixes as sorted, merged address intervals: a lookup is a binary search (O(log n)), not a
/// scan of every prefix. Service tags hold thousands of prefixes (AzureCloud ≈ 12,000), and NSG evaluation asks many
/// times per run, so this matters.
/// </summary>
public sealed class PrefixIndex
{
    private readonly UInt128[] _starts4, _ends4, _starts6, _ends6;

    private PrefixIndex((UInt128[] Starts, UInt128[] Ends) v4, (UInt128[] Starts, UInt128[] Ends) v6)
    {
        (_starts4, _ends4) = v4;
        (_starts6, _ends6) = v6;
    }

    public static readonly PrefixIndex Empty = Build([]);

    /// <summary>Disjoint intervals after merging overlapping and adjacent prefixes.</summary>
    public int IntervalCount => _starts4.Length + _starts6.Length;

    public static PrefixIndex Build(IEnumerable<IpPrefix> prefixes)
    {
        var v4 = new List<(UInt128, UInt128)>();
        var v6 = new List<(UInt128, UInt128)>();
        foreach (var prefix in prefixes)
        {
            var start = ToNumber(prefix.Network);
            var hostBits = prefix.MaxLength - prefix.Length;
            var end = start | (hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1);
            (prefix.IsIPv4 ? v4 : v6).Add((start, end));
        }
        return new PrefixIndex(Merge(v4), Merge(v6));
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var value = ToNumber(address);
        return address.AddressFamily == AddressFamily.InterNetwork ? Find(_starts4, _ends4, value) : Find(_starts6, _ends6, value);
    }

    public bool Contains(string address) => IPAddress.TryParse(address, out var ip) && Contains(ip);

    private static bool Find(UInt128[] starts, UInt128[] ends, UInt128 value)
    {
        // The last interval starting at or before the value is the only one that can hold it.
        int lo = 0, hi = starts.Length - 1, candidate = -1;
        while (lo <= hi)
        {
            var mid = lo + (hi - lo) / 2;
            if (starts[mid] <= value) { candidate = mid; lo = mid + 1; }
            else hi = mid - 1;
        }
        return candidate >= 0 && value <= ends[candidate];
    }

    private static (UInt128[] Starts, UInt128[] Ends) Merge(List<(UInt128 Start, UInt128 End)> intervals)
    {
        intervals.Sort((a, b) => a.Start.CompareTo(b.Start));
        var starts = new List<UInt128>(intervals.Count);
        var ends = new List<UInt128>(intervals.Count);
        foreach (var (start, end) in intervals)
        {
            // Overlapping or adjacent (end + 1 == start) intervals merge; guard the +1 against overflow at the top.
            if (ends.Count > 0 && (ends[^1] == UInt128.MaxValue || start <= ends[^1] + 1))
            {
                if (end > ends[^1]) ends[^1] = end;
                continue;
            }
            starts.Add(start);
            ends.Add(end);
        }
        return (starts.ToArray(), ends.ToArray());
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        UInt128 value = 0;
        foreach (var b in address.GetAddressBytes()) value = (value << 8) | b;
        return value;
    }
}
