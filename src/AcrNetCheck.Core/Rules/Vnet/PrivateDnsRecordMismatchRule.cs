using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateDnsRecordMismatchRule : Rule
{
    public new const string Id = "vnet.private-dns-record-mismatch";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A privatelink.azurecr.io record points at the wrong address",
        cause: "An A record in the registry's privatelink.azurecr.io zone holds an address that is not the private endpoint's address for that " +
               "name, typically a record written by hand for an endpoint since deleted and re-created: clients connect to an address where no " +
               "registry listens.",
        solution:
        [
            "Read the endpoint's addresses: az network private-endpoint show -g <pe-resource-group> -n <pe> --query customDnsConfigs",
            "Replace the stale address: az network private-dns record-set a remove-record -g <zone-resource-group> -z privatelink.azurecr.io " +
                "-n <relative-name> -a <stale-ip>, then az network private-dns record-set a add-record ... -a <private-endpoint-ip>",
            "Prefer a DNS zone group on the endpoint, which keeps the records in step: az network private-endpoint dns-zone-group create " +
                "--endpoint-name <pe> --name default --private-dns-zone privatelink.azurecr.io --zone-name registry -g <pe-resource-group>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
        symptoms:
        [
            Symptoms.ClientTimeout,
            Symptoms.HostNotReachable,
            Symptoms.CouldNotConnect,
        ],
        explains: PrivateDnsFacts.ConsequencesOfWrongPrivateDns);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (PrivateDnsFacts.RegistryZones(evidence, out var zoneIds) is { } unavailable) return unavailable;
        if (evidence.PrivateEndpointAddresses.Count == 0)
        {
            var peId = PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence)[0];
            return RuleResult.Skip(evidence.MissingReason(peId, PrivateDnsFacts.ResourcePath(peId)));
        }

        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var missing = new List<SkipReason>();
        var stale = new List<(ExpectedRecord Expected, ARecordSetView Record, int Index, string Ip)>();
        foreach (var zoneId in zoneIds)
        {
            var key = ArmPaths.ARecordSets(zoneId);
            if (evidence.ListOf<ARecordSetView>(key) is not { } records)
            {
                missing.Add(evidence.MissingReason(key, PrivateDnsFacts.ListPath(key)));
                continue;
            }
            foreach (var expected in PrivateDnsFacts.ExpectedRecords(evidence))
            {
                // A name no endpoint gives an address to cannot be judged here: vnet.geo-replica-not-covered reports it.
                var addresses = evidence.ExpectedPrivateAddresses(expected.Fqdn);
                if (addresses.Count == 0 || PrivateDnsFacts.RecordNamed(records, expected.RelativeName) is not { } record) continue;
                stale.AddRange(record.Ipv4Addresses.Select((ip, i) => (expected, record, i, ip)).Where(x => !addresses.Contains(x.ip)));
            }
        }

        var findings = stale.GroupBy(s => s.Expected.Fqdn, StringComparer.OrdinalIgnoreCase).Select(g =>
        {
            var expected = g.First().Expected;
            var addresses = evidence.ExpectedPrivateAddresses(expected.Fqdn);
            var wrong = g.Select(s => s.Ip).Distinct().ToList();
            return new Finding
            {
                Subject = expected.Fqdn,
                Message = $"Record {expected.RelativeName} in {FindingText.List(g.Select(s => s.Record.Id).Distinct(ResourceId.Comparer).Select(ZoneOf).Select(PrivateDnsFacts.DescribeZone))} → " +
                          $"{FindingText.Addresses(wrong)}, expected the private endpoint's {FindingText.List(addresses)}: clients resolving {expected.Fqdn} " +
                          "connect where no registry listens.",
                Evidence = g.Select(s => new EvidenceRef(s.Record.Id, $"properties.aRecords[{s.Index}].ipv4Address", s.Ip, FindingText.List(addresses))).ToList(),
                Fix = g.SelectMany(s => FixFor(s.Record, s.Ip, addresses[0], zoneName)).Distinct().ToList(),
            };
        }).ToList();
        return PrivateDnsFacts.Conclude(findings, missing);
    }

    private static string ZoneOf(string recordId) => new ResourceId(recordId).Parent ?? recordId;

    private static IEnumerable<string> FixFor(ARecordSetView record, string staleIp, string privateIp, string zoneName)
    {
        var group = new ResourceId(record.Id).ResourceGroup;
        // Add before removing: removing a record set's last address deletes the set.
        if (!record.Ipv4Addresses.Contains(privateIp))
            yield return Shell.Command($"az network private-dns record-set a add-record -g {group} -z {zoneName} -n {record.Name} -a {privateIp}");
        yield return Shell.Command($"az network private-dns record-set a remove-record -g {group} -z {zoneName} -n {record.Name} -a {staleIp}");
    }
}
