using System.Net;
using System.Net.Sockets;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Dns;

/// <summary>
/// The answer docker gets: the operating system's resolver (getaddrinfo), which honours /etc/hosts and nsswitch.
/// It shows no CNAME chain; <see cref="ResolverDnsProbe"/> does.
/// </summary>
internal static class SystemDnsProbe
{
    public const string Source = "system";

    public static async Task<DnsLookup> LookupAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var clock = new ProbeClock(timeout, cancellationToken);
        var lookup = new DnsLookup { Source = Source };
        try
        {
            // WaitAsync bounds the wait even where the platform cannot cancel getaddrinfo itself.
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, clock.Token).WaitAsync(clock.Token);
            lookup.Addresses = addresses.Select(a => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Select(a => a.ToString()).Distinct().ToList();
            lookup.Status = lookup.Addresses.Count > 0 ? DnsStatus.Resolved : DnsStatus.NoData;
        }
        catch (OperationCanceledException) when (clock.Expired)
        {
            (lookup.Status, lookup.Error) = (DnsStatus.Timeout, clock.TimeoutMessage);
        }
        catch (SocketException e)
        {
            lookup.Status = e.SocketErrorCode switch
            {
                SocketError.HostNotFound => DnsStatus.NxDomain,
                SocketError.NoData => DnsStatus.NoData,
                // getaddrinfo's EAI_AGAIN: the server failed (SERVFAIL) or did not answer; the resolver lookup tells which.
                SocketError.TryAgain => DnsStatus.ServFail,
                _ => DnsStatus.Error,
            };
            lookup.Error = e.Message;
        }
        lookup.ElapsedMs = clock.ElapsedMs;
        return lookup;
    }
}
