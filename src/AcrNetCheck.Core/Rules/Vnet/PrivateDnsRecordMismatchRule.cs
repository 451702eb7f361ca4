using AcrNetCheck.Core.Paths;
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

    /// <summary>Maps the DNS hop's "stale record" verdicts: one finding per name, with the replacement in the order that keeps the set.</summary>
    public override RuleResult Evaluate(EvidenceView evidence) =>
        DnsVerdicts.Map(evidence, Id, verdicts => verdicts.GroupBy(v => v.Step.Host!, StringComparer.OrdinalIgnoreCase).Select(g => ToFinding(g.Select(v => v.Step).ToList())));

    private static Finding ToFinding(IReadOnlyList<DnsStep> steps)
    {
        var first = steps[0];
        var addresses = first.ExpectedAddresses;
        var records = steps.Select(s => s.Record!).DistinctBy(r => r.Id, ResourceId.Comparer).ToList();
        var stale = records.SelectMany(r => r.Ipv4Addresses.Select((ip, i) => (Record: r, Index: i, Ip: ip))).Where(x => !addresses.Contains(x.Ip)).ToList();
        return new Finding
        {
            Subject = first.Host!,
            Message = $"Record {first.RecordName} in {FindingText.List(records.Select(r => ZoneOf(r.Id)).Select(PrivateDnsFacts.DescribeZone))} → " +
                      $"{FindingText.Addresses(stale.Select(s => s.Ip).Distinct().ToList())}, expected the private endpoint's {FindingText.List(addresses)}: clients resolving {first.Host} " +
                      "connect where no registry listens.",
            Evidence = stale.Select(s => new EvidenceRef(s.Record.Id, $"properties.aRecords[{s.Index}].ipv4Address", s.Ip, FindingText.List(addresses))).ToList(),
            Fix = stale.SelectMany(s => FixFor(s.Record, s.Ip, addresses[0], new ResourceId(ZoneOf(s.Record.Id)).Name)).Distinct().ToList(),
        };
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
