using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>The routes Azure applies to the client's NIC send registry traffic to an appliance or a gateway rather than delivering it.</summary>
internal sealed class EffectiveRouteDivertsRegistryTrafficRule : Rule
{
    public new const string Id = "vnet.effective-route-diverts-registry-traffic";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Warning,
        title: "The routes Azure applies to the client NIC send registry traffic to an appliance or gateway",
        cause: "The client NIC's effective routes send traffic for a registry address to a virtual appliance or the virtual network gateway " +
               "(often a route learned through BGP, such as a 0.0.0.0/0 advertised from on-premises, which no route table shows). Unless " +
               "that next hop forwards HTTPS to the login server and every data endpoint, pulls time out or fail on layer downloads.",
        solution:
        [
            "See the route Azure applies and where it comes from: az network nic show-effective-route-table --ids <nic-id> -o table",
            "Allow HTTPS (443) to the login server and every data endpoint on the appliance or on-premises firewall: az acr show-endpoints --name <registry>",
            "Or keep registry traffic off that path with a more specific user route: az network route-table route create -g <resource-group> --route-table-name <route-table> -n AcrDirect --address-prefix AzureContainerRegistry --next-hop-type Internet",
        ],
        docLink: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#how-azure-selects-a-route",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence) => EffectiveRouteFacts.Evaluate(evidence, Id, (target, hop, nicId) => new Finding
    {
        Subject = $"{ArmPaths.EffectiveRouteTable(nicId)}#{hop.AddressPrefix}",
        Message = $"Azure applies {hop.RouteName} for {hop.AddressPrefix} on NIC {new ResourceId(nicId).Name}: traffic to {target.Target.Words} ({target.Serves}) goes to " +
                  $"next hop {hop.NextHopType}{(hop.NextHopIpAddress is { } ip ? " " + FindingText.Address(ip) : "")}, which must forward HTTPS (443) to " +
                  $"{FindingText.List(evidence.Endpoints.Select(e => e.Host))}.",
        Evidence = [EffectiveRouteFacts.Pointer(hop)],
        Fix = [EffectiveRouteFacts.ShowCommand(nicId)],
    });
}
