using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateDnsZoneNotLinkedRule : Rule
{
    public new const string Id = "vnet.private-dns-zone-not-linked";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The privatelink.azurecr.io zone is not linked to the client's virtual network",
        cause: "A private DNS zone answers only in the virtual networks linked to it. The registry's privatelink.azurecr.io zone has no link to " +
               "the virtual network the client resolves from, so Azure DNS there answers with the registry's public addresses.",
        solution:
        [
            "List the zone's links: az network private-dns link vnet list -g <zone-resource-group> --zone-name privatelink.azurecr.io -o table",
            "Link the client's virtual network: az network private-dns link vnet create -g <zone-resource-group> --zone-name privatelink.azurecr.io " +
                "--name <link-name> --virtual-network <vnet-id> --registration-enabled false",
            "Links do not follow peering: each virtual network that resolves through Azure DNS needs its own link, or must use a DNS server " +
                "(for example a DNS private resolver) in a linked virtual network",
        ],
        docLink: Descriptors.Pages.PrivateLink,
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.ClientTimeout,
            Symptoms.CouldNotConnect,
        ],
        explains: PrivateDnsFacts.ConsequencesOfWrongPrivateDns);

    /// <summary>Maps the DNS hop's "zone not linked" verdicts: one finding per virtual network whose resolution lacks the link.</summary>
    public override RuleResult Evaluate(EvidenceView evidence) =>
        DnsVerdicts.Map(evidence, Id, verdicts => verdicts.GroupBy(v => v.Step.ResolvingVirtualNetworkId!, ResourceId.Comparer).Select(g => ToFinding(evidence, g.Key, g.First().Step)));

    private static Finding ToFinding(EvidenceView evidence, string vnet, DnsStep step)
    {
        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var zoneRefs = step.Evidence.Where(e => e.Path.EndsWith(".properties.virtualNetwork.id", StringComparison.Ordinal)).ToList();
        var zoneIds = zoneRefs.Select(e => e.Source).ToList();
        var vnetName = new ResourceId(vnet).Name;
        var zoneGroup = new ResourceId(zoneIds[0]).ResourceGroup ?? "<zone-resource-group>";
        return new Finding
        {
            Subject = vnet,
            Message = $"Virtual network {vnetName} is not linked to {FindingText.List(zoneIds.Select(PrivateDnsFacts.DescribeZone))}: Azure DNS there " +
                      $"resolves {PrivateDnsFacts.PrivateLinkAlias(evidence, evidence.LoginServer ?? "")} through public DNS, so clients in {vnetName} get the registry's public addresses.",
            Evidence = zoneRefs,
            Fix = [Shell.Command($"az network private-dns link vnet create -g {zoneGroup} --zone-name {zoneName} --name {vnetName}-link --virtual-network {vnet} --registration-enabled false")],
        };
    }
}
