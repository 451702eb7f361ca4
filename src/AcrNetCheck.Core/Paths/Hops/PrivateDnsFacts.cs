using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>What could be read, and for the parts that could not, why (<c>needs:…</c> or <c>collection-failed:…</c>).</summary>
internal sealed record Gathered<T>(IReadOnlyList<T> Items, IReadOnlyList<SkipReason> MissingReasons);

/// <summary>
/// The private endpoint and private DNS facts the vnet DNS rules share, so they all find the registry's zone, its expected
/// records and the virtual networks whose resolution matters the same way.
/// </summary>
internal static class PrivateDnsFacts
{
    /// <summary>
    /// What a private DNS misconfiguration leads to on the client: the name resolves elsewhere (or not at all), so the
    /// client is refused on the public endpoint or cannot connect. Every DNS-configuration rule explains these.
    /// </summary>
    public static readonly string[] ConsequencesOfWrongPrivateDns =
    [
        ResolvesPublicIpRule.Id, AccessDisabledRule.Id, IpNotAllowedRule.Id,
        DnsUnresolvableRule.Id, TcpBlockedRule.Id, DataEndpointBlockedRule.Id,
    ];

    private const string PrivateDnsZoneType = "Microsoft.Network/privateDnsZones";

    /// <summary>
    /// <c>privatelink.azurecr.io</c> in the public cloud: "privatelink." before the login-server suffix.
    /// Source: learn.microsoft.com/azure/private-link/private-endpoint-dns (Azure Container Registry row).
    /// </summary>
    public static string ZoneName(EvidenceView evidence) => "privatelink." + evidence.LoginServerSuffix;

    public static string ListPath(string key) => $"arm.lists[{key}]";

    public static string ResourcePath(string id) => $"arm.resources[{id}]";

    /// <summary>Null when the registry was read and has an approved private endpoint; otherwise why the rule cannot apply.</summary>
    public static RuleResult? RequireApprovedPrivateEndpoint(EvidenceView evidence)
    {
        if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        return ApprovedPrivateEndpointIds(evidence).Count > 0 ? null : RuleResult.NotApplicable("no approved private endpoint connection");
    }

    public static IReadOnlyList<string> ApprovedPrivateEndpointIds(EvidenceView evidence) =>
        evidence.ApprovedConnections.Select(c => c.PrivateEndpointId).OfType<string>().Distinct(ResourceId.Comparer).ToList();

    public static IReadOnlyList<PrivateEndpointView> ApprovedPrivateEndpoints(EvidenceView evidence)
    {
        var approved = ApprovedPrivateEndpointIds(evidence);
        return evidence.PrivateEndpoints.Where(pe => approved.Contains(pe.Id, ResourceId.Comparer)).ToList();
    }

    public static bool IsRegistryZone(EvidenceView evidence, string zoneId) =>
        new ResourceId(zoneId).Name.Equals(ZoneName(evidence), StringComparison.OrdinalIgnoreCase);

    /// <summary>The zone ids the approved endpoints' DNS zone groups point at, of every name.</summary>
    public static IReadOnlyList<string>? ZoneGroupZoneIds(EvidenceView evidence, string privateEndpointId) =>
        evidence.ListOf<PrivateDnsZoneGroupView>(ArmPaths.PrivateDnsZoneGroups(privateEndpointId))
            ?.SelectMany(g => g.ZoneConfigs).Select(z => z.PrivateDnsZoneId).Where(z => z.Length > 0).ToList();

    /// <summary>
    /// The registry's <c>privatelink.azurecr.io</c> zones, found through the approved endpoints' DNS zone groups. Zone groups the
    /// collector left out on purpose (<see cref="ZoneGroupsNotRead"/>) name none and are not missing either.
    /// </summary>
    public static Gathered<string> RegistryZoneIds(EvidenceView evidence)
    {
        var zones = new List<string>();
        var missing = new List<SkipReason>();
        foreach (var peId in ApprovedPrivateEndpointIds(evidence))
        {
            if (ZoneGroupZoneIds(evidence, peId) is not { } zoneIds)
            {
                var key = ArmPaths.PrivateDnsZoneGroups(peId);
                if (evidence.MissingReason(key, ListPath(key)) is { Kind: not SkipKind.NotApplicable } reason) missing.Add(reason);
                continue;
            }
            zones.AddRange(zoneIds.Where(z => IsRegistryZone(evidence, z) && !zones.Contains(z, ResourceId.Comparer)));
        }
        return new(zones, missing);
    }

    /// <summary>
    /// Approved endpoints whose DNS zone groups the collector did not read because they could not change the answer (the fleet
    /// scan, when a privatelink zone is linked where the endpoint's VNet resolves): nothing may be said about what they name.
    /// </summary>
    public static IReadOnlyList<string> ZoneGroupsNotRead(EvidenceView evidence) =>
        ApprovedPrivateEndpointIds(evidence).Where(peId => evidence.SkippedRead(ArmPaths.PrivateDnsZoneGroups(peId)) is not null).ToList();

    /// <summary>Private DNS zones present in the evidence (from any subscription's zone list) whose name satisfies <paramref name="name"/>.</summary>
    public static IReadOnlyList<string> KnownZoneIds(EvidenceView evidence, Func<string, bool> name) =>
        (evidence.Bundle.Arm?.Resources.Values ?? Enumerable.Empty<Newtonsoft.Json.Linq.JObject>())
            .Where(doc => string.Equals(doc.Value<string>("type"), PrivateDnsZoneType, StringComparison.OrdinalIgnoreCase))
            .Select(doc => doc.Value<string>("id")).OfType<string>()
            .Where(id => name(new ResourceId(id).Name))
            .ToList();

    /// <summary>
    /// Zones named <c>privatelink.azurecr.io</c> found in the zone lists, whether or not a zone group names them: many are kept by
    /// hand (records written with <c>az network private-dns record-set a add-record</c>) and answer like any other.
    /// </summary>
    public static IReadOnlyList<string> HandManagedZoneIds(EvidenceView evidence)
    {
        var zoneName = ZoneName(evidence);
        return KnownZoneIds(evidence, name => name.Equals(zoneName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Zones in the evidence more specific than the privatelink zone that hold a name's alias (<c>eastus.data.privatelink.azurecr.io</c>
    /// for <c>contoso.eastus.data.azurecr.io</c>): where one is linked, Azure DNS answers the alias from it instead.
    /// </summary>
    public static IReadOnlyList<string> ShadowingZoneIds(EvidenceView evidence, string fqdn)
    {
        var suffix = "." + ZoneName(evidence);
        var alias = PrivateLinkAlias(evidence, fqdn);
        return KnownZoneIds(evidence, name => name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && alias.EndsWith("." + name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The record a zone must hold for a name's alias: "contoso" in eastus.data.privatelink.azurecr.io for contoso.eastus.data.azurecr.io.</summary>
    public static string RecordNameIn(EvidenceView evidence, string zoneId, string fqdn)
    {
        var alias = PrivateLinkAlias(evidence, fqdn);
        return alias[..^(new ResourceId(zoneId).Name.Length + 1)];
    }

    /// <summary>"contoso.eastus.data.azurecr.io" → "contoso.eastus.data": the record's name inside the privatelink zone.</summary>
    public static string RelativeName(EvidenceView evidence, string fqdn)
    {
        var suffix = "." + evidence.LoginServerSuffix;
        var name = fqdn.TrimEnd('.');
        return (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? name[..^suffix.Length] : name).ToLowerInvariant();
    }

    /// <summary>"contoso.azurecr.io" → "contoso.privatelink.azurecr.io", the CNAME public DNS answers with once a private endpoint exists.</summary>
    public static string PrivateLinkAlias(EvidenceView evidence, string fqdn) => $"{RelativeName(evidence, fqdn)}.{ZoneName(evidence)}";

    public static ARecordSetView? RecordNamed(IEnumerable<ARecordSetView> records, string relativeName) =>
        records.FirstOrDefault(r => r.Name.Equals(relativeName, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The virtual networks whose DNS resolution decides what the client sees: the source subnets' VNets when the client sits in
    /// one, else the VNet of each approved private endpoint's subnet.
    /// </summary>
    public static Gathered<string> VnetsThatMatter(EvidenceView evidence)
    {
        var sourceVnets = evidence.SourceSubnetIds.Select(s => new ResourceId(s).Parent).OfType<string>().Distinct(ResourceId.Comparer).ToList();
        if (sourceVnets.Count > 0) return new(sourceVnets, []);
        var vnets = new List<string>();
        var missing = new List<SkipReason>();
        foreach (var peId in ApprovedPrivateEndpointIds(evidence))
        {
            var pe = evidence.Resource<PrivateEndpointView>(peId);
            if (pe?.SubnetId is not { } subnetId || new ResourceId(subnetId).Parent is not { } vnet)
            {
                missing.Add(evidence.MissingReason(peId, ResourcePath(peId)));
                continue;
            }
            if (!vnets.Contains(vnet, ResourceId.Comparer)) vnets.Add(vnet);
        }
        return new(vnets, missing);
    }

    /// <summary>"privatelink.azurecr.io (rg-network)": a zone named with its resource group, since several zones may share the name.</summary>
    public static string DescribeZone(string zoneId)
    {
        var id = new ResourceId(zoneId);
        return id.ResourceGroup is { } group ? $"{id.Name} ({group})" : id.Name;
    }

    /// <summary>Failed with the findings; else skipped for the first part that could not be read; else passed.</summary>
    public static RuleResult Conclude(IReadOnlyCollection<Finding> findings, IReadOnlyList<SkipReason> missingReasons) =>
        findings.Count == 0 && missingReasons.Count > 0 ? RuleResult.Skip(missingReasons[0]) : RuleResult.From(findings);
}
