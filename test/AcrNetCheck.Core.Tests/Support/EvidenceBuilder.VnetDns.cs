using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>Variations on the private DNS setup: reads that did not happen, records that went stale, lookups with CNAME chains.</summary>
public sealed partial class EvidenceBuilder
{
    /// <summary>As if the collection at <paramref name="key"/> was never listed.</summary>
    public EvidenceBuilder WithoutList(string key)
    {
        Arm.Lists.Remove(key);
        return this;
    }

    /// <summary>
    /// As the fleet scan writes an endpoint whose zone groups it left out on purpose (a zone linked where the endpoint resolves
    /// answers whatever they name): no zone-group list, the read in <c>arm.skippedReads</c> with why.
    /// </summary>
    public EvidenceBuilder ZoneGroupsNotRead(string peName = "pe-contoso", string why = "vnet-hub, the endpoint's VNet, uses Azure-provided DNS and privatelink.azurecr.io (rg-network) is linked to it")
    {
        var key = ArmPaths.PrivateDnsZoneGroups(PrivateEndpointId(peName));
        foreach (var group in Arm.Lists.GetValueOrDefault(key) ?? []) Arm.Resources.Remove(group);
        Arm.Lists.Remove(key);
        (Arm.SkippedReads ??= new(StringComparer.OrdinalIgnoreCase))[key] = why;
        return this;
    }

    /// <summary>As if the resource was never read.</summary>
    public EvidenceBuilder WithoutResource(string id)
    {
        Arm.Resources.Remove(id);
        return this;
    }

    /// <summary>Deletes an A record set from a zone (e.g. "contoso.westeurope.data").</summary>
    public EvidenceBuilder WithoutRecord(string relativeName, string zone = "privatelink.azurecr.io")
    {
        var id = $"{ZoneId(zone)}/A/{relativeName}";
        Arm.Resources.Remove(id);
        ListFor(ArmPaths.ARecordSets(ZoneId(zone))).RemoveAll(r => r.Equals(id, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    /// <summary>
    /// A probe whose system resolver answered <paramref name="systemAddress"/>; with <paramref name="resolverAddress"/> or a CNAME chain,
    /// a direct DNS query ("resolver") that answered that address through that chain.
    /// </summary>
    public EvidenceBuilder ResolvedProbe(string host, string systemAddress, string? resolverAddress = null, params string[] cnameChain)
    {
        var probe = new EndpointProbe
        {
            Host = host,
            Purpose = host.Equals(LoginServer, StringComparison.OrdinalIgnoreCase) ? EndpointPurpose.LoginServer : EndpointPurpose.DataEndpoint,
            Dns = [new DnsLookup { Source = "system", Status = DnsStatus.Resolved, Addresses = [systemAddress] }],
            Tcp = new TcpProbe { Status = TcpStatus.Timeout, Address = systemAddress },
        };
        if (resolverAddress is not null || cnameChain.Length > 0)
            probe.Dns.Add(new DnsLookup { Source = "resolver", Status = DnsStatus.Resolved, Addresses = [resolverAddress ?? systemAddress], CnameChain = cnameChain.ToList() });
        return Probe(probe);
    }
}
