using AcrNetCheck.Core.Paths;
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

    /// <summary>
    /// Maps the DNS hop's "answered from a more specific zone that lacks the record" verdicts, one finding per such zone. A
    /// shadowing zone is found only in the zone lists read: without any, the rule cannot pass.
    /// </summary>
    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var result = DnsVerdicts.Map(evidence, Id, verdicts => verdicts.GroupBy(v => v.Step.ZoneId!, ResourceId.Comparer).Select(g => ToFinding(evidence, g.ToList())));
        return result.Outcome == RuleOutcome.Passed && ZoneListsUnread(evidence) is { } unread ? RuleResult.Skip(unread) : result;
    }

    private static Finding ToFinding(EvidenceView evidence, IReadOnlyList<DnsVerdict> verdicts)
    {
        var step = verdicts[0].Step;
        var zoneId = step.ZoneId!;
        var zone = new ResourceId(zoneId);
        var recordName = step.RecordName!;
        var vnetNames = FindingText.List(verdicts.Select(v => new ResourceId(v.Step.ResolvingVirtualNetworkId!).Name).Distinct(StringComparer.OrdinalIgnoreCase));
        // With the link's fallback to internet resolution on, Azure DNS retries an NXDOMAIN publicly instead of failing.
        var outcome = step.Answer == DnsAnswer.NxDomain ? "returns NXDOMAIN" : "resolves to the registry's public address";
        var ip = step.ExpectedAddresses.FirstOrDefault();
        return new Finding
        {
            Subject = zoneId,
            Message = $"Private DNS zone {PrivateDnsFacts.DescribeZone(zoneId)}, linked to {vnetNames}, has no A record '{recordName}': it answers for " +
                      $"{recordName}.{zone.Name} in place of {PrivateDnsFacts.ZoneName(evidence)}, so {step.Host} {outcome} in {vnetNames}.",
            Evidence =
            [
                new EvidenceRef(zoneId, $"{PrivateDnsFacts.ListPath(ArmPaths.ARecordSets(zoneId))}[name={recordName}]", "absent", recordName),
                new EvidenceRef(zoneId, $"{PrivateDnsFacts.ListPath(ArmPaths.VirtualNetworkLinks(zoneId))}[*].properties.virtualNetwork.id", vnetNames),
            ],
            Fix =
            [
                Shell.Command($"az network private-dns zone delete -g {zone.ResourceGroup} -n {zone.Name}"),
                "or: " + Shell.Command($"az network private-dns record-set a add-record -g {zone.ResourceGroup} -z {zone.Name} -n {recordName} -a {ip ?? "<private-endpoint-ip>"}"),
            ],
        };
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
