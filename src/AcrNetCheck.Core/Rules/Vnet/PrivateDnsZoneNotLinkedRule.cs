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
        docLink: Descriptors.Anchors.VnetAccess,
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.ClientTimeout,
            Symptoms.CouldNotConnect,
        ],
        explains: PrivateDnsFacts.ConsequencesOfWrongPrivateDns);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (PrivateDnsFacts.RegistryZones(evidence, out var zoneIds) is { } unavailable) return unavailable;
        var vnets = PrivateDnsFacts.VnetsThatMatter(evidence);
        var judged = vnets.Items.Where(v => PrivateDnsFacts.OutsideDnsServers(evidence, v) is null).ToList();
        if (vnets.Items.Count > 0 && judged.Count == 0 && vnets.MissingReasons.Count == 0)
            return RuleResult.NotApplicable("the virtual networks resolve through custom DNS servers outside them: " +
                FindingText.List(vnets.Items.Select(v => $"{new ResourceId(v).Name} → {FindingText.List(PrivateDnsFacts.OutsideDnsServers(evidence, v)!)}")));

        var zoneName = PrivateDnsFacts.ZoneName(evidence);
        var findings = new List<Finding>();
        var missing = vnets.MissingReasons.ToList();
        var links = zoneIds.ToDictionary(z => z, z => evidence.ListOf<VirtualNetworkLinkView>(ArmPaths.VirtualNetworkLinks(z)), ResourceId.Comparer);
        foreach (var vnet in judged)
        {
            // Any link counts, whatever its state: a link still being created is not this cause.
            if (links.Values.Any(l => l?.Any(link => ResourceId.AreEqual(link.VirtualNetworkId, vnet)) == true)) continue;
            if (links.FirstOrDefault(kv => kv.Value is null) is { Key: { } unreadZone })
            {
                var key = ArmPaths.VirtualNetworkLinks(unreadZone);
                missing.Add(evidence.MissingReason(key, PrivateDnsFacts.ListPath(key)));
                continue;
            }

            var vnetName = new ResourceId(vnet).Name;
            var zone = zoneIds[0];
            var zoneGroup = new ResourceId(zone).ResourceGroup ?? "<zone-resource-group>";
            findings.Add(new Finding
            {
                Subject = vnet,
                Message = $"Virtual network {vnetName} is not linked to {FindingText.List(zoneIds.Select(PrivateDnsFacts.DescribeZone))}: Azure DNS there " +
                          $"resolves {PrivateDnsFacts.PrivateLinkAlias(evidence, evidence.LoginServer ?? "")} through public DNS, so clients in {vnetName} get the registry's public addresses.",
                Evidence = zoneIds.Select(z => new EvidenceRef(z, $"{PrivateDnsFacts.ListPath(ArmPaths.VirtualNetworkLinks(z))}[*].properties.virtualNetwork.id",
                    LinkedVnetNames(links[z]!), vnet)).ToList(),
                Fix = [Shell.Command($"az network private-dns link vnet create -g {zoneGroup} --zone-name {zoneName} --name {vnetName}-link --virtual-network {vnet} --registration-enabled false")],
            });
        }
        return PrivateDnsFacts.Conclude(findings, missing);
    }

    private static string LinkedVnetNames(IReadOnlyList<VirtualNetworkLinkView> links) =>
        links.Count == 0 ? "none" : FindingText.List(links.Select(l => new ResourceId(l.VirtualNetworkId ?? l.Id).Name));
}
