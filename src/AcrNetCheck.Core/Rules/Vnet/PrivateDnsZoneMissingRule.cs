using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateDnsZoneMissingRule : Rule
{
    public new const string Id = "vnet.private-dns-zone-missing";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A private endpoint has no privatelink.azurecr.io DNS zone",
        cause: "The registry's private endpoint has no DNS zone group pointing at a privatelink.azurecr.io private DNS zone, and no zone of that " +
               "name (kept by hand) was found, so no A records exist for the login server and data endpoints: clients in the virtual network " +
               "still resolve the registry's public addresses.",
        solution:
        [
            "Create the zone: az network private-dns zone create -g <resource-group> -n privatelink.azurecr.io",
            "Link it to the clients' virtual network: az network private-dns link vnet create -g <resource-group> --zone-name privatelink.azurecr.io " +
                "--name <link-name> --virtual-network <vnet-id> --registration-enabled false",
            "Let the endpoint keep the records: az network private-endpoint dns-zone-group create --endpoint-name <pe> --name default " +
                "--private-dns-zone privatelink.azurecr.io --zone-name registry -g <pe-resource-group>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.ClientTimeout,
            Symptoms.CouldNotConnect,
        ],
        explains: PrivateDnsFacts.ConsequencesOfWrongPrivateDns);

    /// <summary>
    /// Maps the DNS hop's "no privatelink zone" verdict (no zone group names one and none of that name was found) to one finding
    /// per approved private endpoint without such a zone group.
    /// </summary>
    public override RuleResult Evaluate(EvidenceView evidence) =>
        DnsVerdicts.Map(evidence, Id, _ => PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence).Select(peId => ToFinding(evidence, peId)).OfType<Finding>());

    private static Finding? ToFinding(EvidenceView evidence, string peId)
    {
        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var key = ArmPaths.PrivateDnsZoneGroups(peId);
        if (PrivateDnsFacts.ZoneGroupZoneIds(evidence, peId) is not { } zoneIds || zoneIds.Any(z => PrivateDnsFacts.IsRegistryZone(evidence, z))) return null;

        var pe = new ResourceId(peId);
        var pointsAt = zoneIds.Count == 0 ? "it has no DNS zone group" : "its zone group points only at " + FindingText.List(zoneIds.Select(z => new ResourceId(z).Name));
        return new Finding
        {
            Subject = peId,
            Message = $"Private endpoint {pe.Name} is not attached to a {zoneName} zone ({pointsAt}): nothing keeps the A records for " +
                      $"{evidence.LoginServer} and its data endpoints, so clients resolve the registry's public addresses.",
            Evidence = [new EvidenceRef(peId, $"{PrivateDnsFacts.ListPath(key)}[*].properties.privateDnsZoneConfigs[*].properties.privateDnsZoneId",
                zoneIds.Count == 0 ? "none" : FindingText.List(zoneIds), zoneName)],
            Fix = FixFor(evidence, pe, zoneName),
        };
    }

    /// <summary>Create the zone, link it where the endpoint's clients resolve, and let the endpoint keep its records.</summary>
    private static IReadOnlyList<string> FixFor(EvidenceView evidence, ResourceId pe, string zoneName)
    {
        var group = pe.ResourceGroup ?? "<pe-resource-group>";
        var vnet = evidence.Resource<PrivateEndpointView>(pe.Value)?.SubnetId is { } subnet ? new ResourceId(subnet).Parent : null;
        return
        [
            Shell.Command($"az network private-dns zone create -g {group} -n {zoneName}"),
            Shell.Command($"az network private-dns link vnet create -g {group} --zone-name {zoneName} --name {(vnet is null ? "<link-name>" : new ResourceId(vnet).Name + "-link")} ") +
                Shell.Command($"--virtual-network {vnet ?? "<vnet-id>"} --registration-enabled false"),
            Shell.Command($"az network private-endpoint dns-zone-group create -g {group} --endpoint-name {pe.Name} --name default ") +
                Shell.Command($"--private-dns-zone {zoneName} --zone-name registry"),
        ];
    }
}
