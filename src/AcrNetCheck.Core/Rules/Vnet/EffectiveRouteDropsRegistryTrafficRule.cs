using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>The routes Azure applies to the client's NIC drop registry traffic (next hop None, or no route at all), whatever the route tables say.</summary>
internal sealed class EffectiveRouteDropsRegistryTrafficRule : Rule
{
    public new const string Id = "vnet.effective-route-drops-registry-traffic";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The routes Azure applies to the client NIC drop registry traffic",
        cause: "The client NIC's effective routes (every route source merged: system routes, route tables, routes learned from gateways " +
               "and BGP) send traffic for a registry address to next hop None, or no active route covers it (a private endpoint in a " +
               "VNet with no peering): Azure drops the packets and connections time out.",
        solution:
        [
            "See the route Azure applies and where it comes from: az network nic show-effective-route-table --ids <nic-id> -o table",
            "A user route (source User): change or delete it in its route table: az network route-table route update -g <resource-group> --route-table-name <route-table> -n <route> --next-hop-type Internet",
            "A route learned from a gateway (source VirtualNetworkGateway): add a more specific user route for the registry (e.g. --address-prefix AzureContainerRegistry --next-hop-type Internet), or stop advertising it on-premises",
            "A private endpoint in a VNet without a route to it: peer the VNets: az network vnet peering create -g <resource-group> --vnet-name <vnet> -n <peering> --remote-vnet <endpoint-vnet-id> --allow-vnet-access",
        ],
        docLink: "https://learn.microsoft.com/azure/virtual-network/diagnose-network-routing-problem",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence) => EffectiveRouteFacts.Evaluate(evidence, Id, (target, hop, nicId) => new Finding
    {
        Subject = $"{ArmPaths.EffectiveRouteTable(nicId)}#{hop.AddressPrefix ?? target.Target.Address}",
        Message = hop.RouteName is null
            ? $"No active route of NIC {new ResourceId(nicId).Name} covers {target.Target.Words} ({target.Serves}): Azure drops the traffic; expected a route that delivers it."
            : $"Azure applies {hop.RouteName} for {hop.AddressPrefix} on NIC {new ResourceId(nicId).Name}, next hop {hop.NextHopType}: it drops traffic to " +
              $"{target.Target.Words} ({target.Serves}); expected a route that delivers it.",
        Evidence = [EffectiveRouteFacts.Pointer(hop)],
        Fix = [EffectiveRouteFacts.ShowCommand(nicId)],
    });
}
