using AcrNetCheck.Core.Paths;
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

    /// <summary>Maps the DNS hop's "no record" verdicts: one finding per missing record, with the address it must hold.</summary>
    public override RuleResult Evaluate(EvidenceView evidence) =>
        DnsVerdicts.Map(evidence, Id, verdicts => verdicts
            .GroupBy(v => (Zone: v.Step.ZoneId!, Record: v.Step.RecordName!))
            .Select(g => ToFinding(evidence, g.Key.Zone, g.First().Endpoint, g.Key.Record, g.Select(v => v.ClientVnetId).Distinct(ResourceId.Comparer).ToList())));

    private static Finding ToFinding(EvidenceView evidence, string zoneId, RegistryEndpoint endpoint, string recordName, IReadOnlyList<string> clientVnets)
    {
        var zone = new ResourceId(zoneId);
        var ip = AddressFor(evidence, zoneId, endpoint.Host, clientVnets);
        var role = endpoint.Purpose == EndpointPurpose.DataEndpoint ? $" (data endpoint, {endpoint.Region})" : endpoint.Purpose == EndpointPurpose.LoginServer ? " (login server)" : "";
        // Only when every approved endpoint's zone groups were read can "no zone group names it" be said.
        var keptBy = PrivateDnsFacts.RegistryZoneIds(evidence).Items.Contains(zoneId, ResourceId.Comparer) || PrivateDnsFacts.ZoneGroupsNotRead(evidence).Count > 0
            ? "" : ", kept by hand (no private endpoint's zone group names it),";
        return new Finding
        {
            Subject = endpoint.Host,
            Message = $"{PrivateDnsFacts.DescribeZone(zoneId)}{keptBy} has no A record '{recordName}' for {endpoint.Host}{role}" +
                      (ip is null ? "" : $", expected the private endpoint's {ip}") +
                      $": the name does not resolve in {FindingText.List(clientVnets.Select(v => new ResourceId(v).Name))}.",
            Evidence = [new EvidenceRef(zoneId, $"{PrivateDnsFacts.ListPath(ArmPaths.ARecordSets(zoneId))}[name={recordName}]", "absent", ip ?? recordName)],
            Fix = [Shell.Command($"az network private-dns record-set a add-record -g {zone.ResourceGroup} -z {zone.Name} -n {recordName} -a {ip ?? "<private-endpoint-ip>"}")],
        };
    }

    /// <summary>
    /// The address the record should hold in this zone: that of the endpoints whose zone group points at the zone, else of the
    /// endpoints in the virtual networks that resolve through it, else the one address any approved endpoint gives the name;
    /// null when unknown or ambiguous.
    /// </summary>
    private static string? AddressFor(EvidenceView evidence, string zoneId, string fqdn, IReadOnlyList<string> clientVnets)
    {
        var endpoints = PrivateDnsFacts.ApprovedPrivateEndpoints(evidence);
        IEnumerable<string> AddressesOf(IEnumerable<PrivateEndpointView> owners) =>
            owners.SelectMany(pe => evidence.PrivateEndpointAddressesOf(pe).TryGetValue(fqdn, out var ips) ? ips : []).Distinct();

        var owned = AddressesOf(endpoints.Where(pe => PrivateDnsFacts.ZoneGroupZoneIds(evidence, pe.Id)?.Contains(zoneId, ResourceId.Comparer) == true)).ToList();
        if (owned.Count == 1) return owned[0];
        var local = AddressesOf(endpoints.Where(pe => pe.SubnetId is { } s && clientVnets.Contains(new ResourceId(s).Parent, ResourceId.Comparer))).ToList();
        if (local.Count == 1) return local[0];
        var any = evidence.ExpectedPrivateAddresses(fqdn);
        return any.Count == 1 ? any[0] : null;
    }
}
