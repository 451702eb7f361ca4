using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateDnsZoneShadowedRule : Rule
{
    public new const string Id = "vnet.private-dns-zone-shadowed";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A regional private DNS zone hides a data endpoint's record",
        cause: "A private DNS zone named <region>.data.privatelink.azurecr.io is linked to the client's virtual network. Azure DNS answers " +
               "<registry>.<region>.data.privatelink.azurecr.io from that more specific zone, which lacks the registry's record, instead of from " +
               "privatelink.azurecr.io: that data endpoint alone stops resolving.",
        solution:
        [
            "Find regional zones: az network private-dns zone list --query \"[?ends_with(name, '.data.privatelink.azurecr.io')].{name:name, group:resourceGroup}\" -o table",
            "Delete the regional zone if nothing needs it: az network private-dns zone delete -g <zone-resource-group> -n <region>.data.privatelink.azurecr.io",
            "Or add the registry's record to it: az network private-dns record-set a add-record -g <zone-resource-group> -z <region>.data.privatelink.azurecr.io " +
                "-n <registry> -a <private-endpoint-ip>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
        symptoms:
        [
            Symptoms.NoSuchHost,
            Symptoms.CouldNotConnect,
        ],
        explains: PrivateDnsFacts.ConsequencesOfWrongPrivateDns);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (PrivateDnsFacts.RequireApprovedPrivateEndpoint(evidence) is { } unavailable) return unavailable;
        if (ZoneListsUnread(evidence) is { } unread) return RuleResult.Skip(unread);

        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var vnets = PrivateDnsFacts.VnetsThatMatter(evidence);
        var judged = vnets.Items.Where(v => PrivateDnsFacts.OutsideDnsServers(evidence, v) is null).ToList();

        var findings = new List<Finding>();
        var missing = vnets.MissingReasons.ToList();
        var shadowing = evidence.Regions.Select(r => RegistryEndpoints.DataEndpointHost(evidence, r))
            .SelectMany(host => PrivateDnsFacts.ShadowingZoneIds(evidence, host).Select(zoneId => (ZoneId: zoneId, DataEndpoint: host)));
        foreach (var (zoneId, dataEndpoint) in shadowing)
        {
            var recordName = PrivateDnsFacts.RecordNameIn(evidence, zoneId, dataEndpoint);
            var linksKey = ArmPaths.VirtualNetworkLinks(zoneId);
            var recordsKey = ArmPaths.ARecordSets(zoneId);
            if (evidence.ListOf<VirtualNetworkLinkView>(linksKey) is not { } links) { missing.Add(evidence.MissingReason(linksKey, PrivateDnsFacts.ListPath(linksKey))); continue; }
            var linked = links.Where(l => judged.Any(v => ResourceId.AreEqual(v, l.VirtualNetworkId))).ToList();
            if (linked.Count == 0) continue;
            if (evidence.ListOf<ARecordSetView>(recordsKey) is not { } records) { missing.Add(evidence.MissingReason(recordsKey, PrivateDnsFacts.ListPath(recordsKey))); continue; }
            if (PrivateDnsFacts.RecordNamed(records, recordName) is not null) continue;

            var zone = new ResourceId(zoneId);
            var vnetNames = FindingText.List(linked.Select(l => new ResourceId(l.VirtualNetworkId!).Name));
            // With the link's fallback to internet resolution on, Azure DNS retries an NXDOMAIN publicly instead of failing.
            var outcome = linked.All(l => string.Equals(l.ResolutionPolicy, "NxDomainRedirect", StringComparison.OrdinalIgnoreCase))
                ? "resolves to the registry's public address"
                : "returns NXDOMAIN";
            var ip = evidence.ExpectedPrivateAddresses(dataEndpoint).FirstOrDefault();
            findings.Add(new Finding
            {
                Subject = zoneId,
                Message = $"Private DNS zone {PrivateDnsFacts.DescribeZone(zoneId)}, linked to {vnetNames}, has no A record '{recordName}': it answers for " +
                          $"{recordName}.{zone.Name} in place of {zoneName}, so {dataEndpoint} {outcome} in {vnetNames}.",
                Evidence =
                [
                    new EvidenceRef(zoneId, $"{PrivateDnsFacts.ListPath(recordsKey)}[name={recordName}]", "absent", recordName),
                    new EvidenceRef(zoneId, $"{PrivateDnsFacts.ListPath(linksKey)}[*].properties.virtualNetwork.id", vnetNames),
                ],
                Fix =
                [
                    Shell.Command($"az network private-dns zone delete -g {zone.ResourceGroup} -n {zone.Name}"),
                    "or: " + Shell.Command($"az network private-dns record-set a add-record -g {zone.ResourceGroup} -z {zone.Name} -n {recordName} -a {ip ?? "<private-endpoint-ip>"}"),
                ],
            });
        }
        return PrivateDnsFacts.Conclude(findings, missing);
    }

    /// <summary>
    /// A shadowing zone may sit in any subscription: judge only when the zone list of at least one subscription in play (the
    /// registry's, the endpoints', the virtual networks') was read; otherwise say which read is missing.
    /// </summary>
    private static SkipReason? ZoneListsUnread(EvidenceView evidence)
    {
        var subscriptions = new[] { evidence.RegistryId }
            .Concat(PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence))
            .Concat(PrivateDnsFacts.VnetsThatMatter(evidence).Items)
            .Select(id => id is null ? null : new ResourceId(id).SubscriptionId).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (subscriptions.Count == 0 || subscriptions.Any(s => evidence.List(ArmPaths.PrivateDnsZones(s)) is not null)) return null;
        var key = ArmPaths.PrivateDnsZones(subscriptions[0]);
        return evidence.MissingReason(key, PrivateDnsFacts.ListPath(key));
    }
}
