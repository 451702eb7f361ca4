using System.Net;
using AcrNetCheck.Core.Evidence;
using DnsClient;
using DnsClient.Protocol;

namespace AcrNetCheck.Core.Collection.Probes.Dns;

/// <summary>
/// A direct DNS query (DnsClient) to the system's servers or a given one: the CNAME chain
/// (contoso.azurecr.io → contoso.privatelink.azurecr.io → …) and the response code, so NXDOMAIN, SERVFAIL and a
/// timeout read differently. It does not read /etc/hosts, so a difference from <see cref="SystemDnsProbe"/> points there.
/// </summary>
internal static class ResolverDnsProbe
{
    public const string SystemServersSource = "resolver";

    public static string SourceFor(IPEndPoint server) => server.Port == 53 ? $"server:{server.Address}" : $"server:{server}";

    public static async Task<DnsLookup> LookupAsync(string host, IReadOnlyList<IPEndPoint> servers, string source, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var clock = new ProbeClock(timeout, cancellationToken);
        var lookup = new DnsLookup { Source = source };
        if (servers.Count == 0)
        {
            (lookup.Status, lookup.Error) = (DnsStatus.Error, "no DNS server configured (resolv.conf has no nameserver line)");
            return lookup;
        }
        try
        {
            var client = new LookupClient(new LookupClientOptions(servers.ToArray())
            {
                UseCache = false,
                Timeout = timeout,
                Retries = 0,
                ThrowDnsErrors = false,
                // A second server must not turn one server's NXDOMAIN into another's answer: report what the first said.
                ContinueOnDnsError = false,
                ContinueOnEmptyResponse = false,
                UseTcpFallback = true,
            });
            var response = await client.QueryAsync(host, QueryType.A, QueryClass.IN, clock.Token).WaitAsync(clock.Token);
            Record(lookup, host, response);
        }
        catch (DnsResponseException e) when (e.Code == DnsResponseCode.ConnectionTimeout)
        {
            (lookup.Status, lookup.Error) = (DnsStatus.Timeout, clock.TimeoutMessage);
        }
        catch (OperationCanceledException) when (clock.Expired)
        {
            (lookup.Status, lookup.Error) = (DnsStatus.Timeout, clock.TimeoutMessage);
        }
        catch (DnsResponseException e)
        {
            (lookup.Status, lookup.Error) = (DnsStatus.Error, e.Message);
        }
        lookup.ElapsedMs = clock.ElapsedMs;
        return lookup;
    }

    private static void Record(DnsLookup lookup, string host, IDnsQueryResponse response)
    {
        lookup.CnameChain = CnameChain(host, response.Answers.CnameRecords().ToList());
        lookup.Addresses = response.Answers.ARecords().Select(a => a.Address.ToString()).Distinct().ToList();
        lookup.Status = response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => lookup.Addresses.Count > 0 ? DnsStatus.Resolved : DnsStatus.NoData,
            DnsHeaderResponseCode.NotExistentDomain => DnsStatus.NxDomain,
            DnsHeaderResponseCode.ServerFailure => DnsStatus.ServFail,
            _ => DnsStatus.Error,
        };
        if (response.HasError) lookup.Error = $"{response.ErrorMessage} from {response.NameServer}";
    }

    /// <summary>The asked name and every alias followed from it, in order; empty when there is no CNAME.</summary>
    private static List<string> CnameChain(string host, IReadOnlyList<CNameRecord> cnames)
    {
        var chain = new List<string>();
        var current = host.TrimEnd('.');
        while (cnames.FirstOrDefault(c => Same(c.DomainName.Value, current)) is { } next && chain.Count <= cnames.Count)
        {
            if (chain.Count == 0) chain.Add(current);
            current = next.CanonicalName.Value.TrimEnd('.');
            chain.Add(current);
        }
        return chain;
    }

    private static bool Same(string dnsName, string host) => dnsName.TrimEnd('.').Equals(host, StringComparison.OrdinalIgnoreCase);
}
