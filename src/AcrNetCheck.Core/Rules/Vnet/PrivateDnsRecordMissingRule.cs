using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateDnsRecordMissingRule : Rule
{
    public new const string Id = "vnet.private-dns-record-missing";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The privatelink.azurecr.io zone lacks a registry record",
        cause: "The registry's privatelink.azurecr.io zone has no A record for the login server (<registry>) or for a data endpoint " +
               "(<registry>.<region>.data), typically a replica added after the records were written by hand: inside the linked virtual " +
               "network that name does not resolve.",
        solution:
        [
            "Compare the endpoint's addresses with the zone: az network private-endpoint show -g <pe-resource-group> -n <pe> --query customDnsConfigs " +
                "and az network private-dns record-set a list -g <zone-resource-group> -z privatelink.azurecr.io -o table",
            "Add each missing record with the endpoint's address for it: az network private-dns record-set a add-record -g <zone-resource-group> " +
                "-z privatelink.azurecr.io -n <relative-name> -a <private-ip>",
            "Prefer a DNS zone group on the endpoint, which keeps the records in step with replicas: az network private-endpoint dns-zone-group create " +
                "--endpoint-name <pe> --name default --private-dns-zone privatelink.azurecr.io --zone-name registry -g <pe-resource-group>",
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
        if (PrivateDnsFacts.RegistryZones(evidence, out var zoneIds) is { } unavailable) return unavailable;

        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var missing = new List<SkipReason>();
        var readZones = new List<(string ZoneId, IReadOnlyList<ARecordSetView> Records)>();
        foreach (var zoneId in zoneIds)
        {
            var key = ArmPaths.ARecordSets(zoneId);
            if (evidence.ListOf<ARecordSetView>(key) is { } records) readZones.Add((zoneId, records));
            else missing.Add(evidence.MissingReason(key, PrivateDnsFacts.ListPath(key)));
        }

        var findings = new List<Finding>();
        foreach (var expected in PrivateDnsFacts.ExpectedRecords(evidence))
        {
            var lacking = readZones.Where(z => PrivateDnsFacts.RecordNamed(z.Records, expected.RelativeName) is null).Select(z => z.ZoneId).ToList();
            if (lacking.Count == 0) continue;

            var ips = lacking.ToDictionary(z => z, z => AddressFor(evidence, z, expected.Fqdn), ResourceId.Comparer);
            var knownIps = ips.Values.OfType<string>().Distinct().ToList();
            findings.Add(new Finding
            {
                Subject = expected.Fqdn,
                Message = $"{FindingText.List(lacking.Select(PrivateDnsFacts.DescribeZone))} has no A record '{expected.RelativeName}' for " +
                          $"{expected.Fqdn}{(expected.Region is { } r ? $" (data endpoint, {r})" : " (login server)")}" +
                          (knownIps.Count == 0 ? "" : $", expected the private endpoint's {FindingText.List(knownIps)}") +
                          ": the name does not resolve in the linked virtual networks.",
                Evidence = lacking.Select(z => new EvidenceRef(z, $"{PrivateDnsFacts.ListPath(ArmPaths.ARecordSets(z))}[name={expected.RelativeName}]", "absent", ips[z] ?? expected.RelativeName)).ToList(),
                Fix = lacking.Select(z => Shell.Command($"az network private-dns record-set a add-record -g {new ResourceId(z).ResourceGroup} -z {zoneName} ") +
                                          Shell.Command($"-n {expected.RelativeName} -a {ips[z] ?? "<private-endpoint-ip>"}")).ToList(),
            });
        }
        return PrivateDnsFacts.Conclude(findings, missing);
    }

    /// <summary>
    /// The address the record should hold in this zone: that of the endpoint whose zone group points at the zone, else the one
    /// address any approved endpoint gives the name; null when unknown or ambiguous.
    /// </summary>
    private static string? AddressFor(EvidenceView evidence, string zoneId, string fqdn)
    {
        var owners = PrivateDnsFacts.ApprovedPrivateEndpoints(evidence)
            .Where(pe => PrivateDnsFacts.ZoneGroupZoneIds(evidence, pe.Id)?.Contains(zoneId, ResourceId.Comparer) == true);
        var owned = owners.SelectMany(pe => evidence.PrivateEndpointAddressesOf(pe).TryGetValue(fqdn, out var ips) ? ips : []).Distinct().ToList();
        if (owned.Count == 1) return owned[0];
        var any = evidence.ExpectedPrivateAddresses(fqdn);
        return any.Count == 1 ? any[0] : null;
    }
}
