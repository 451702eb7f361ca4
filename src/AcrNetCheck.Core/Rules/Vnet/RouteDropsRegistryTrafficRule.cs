using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Rules.Client;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class RouteDropsRegistryTrafficRule : Rule
{
    public new const string Id = "vnet.route-drops-registry-traffic";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A route on the client subnet drops traffic to the registry",
        cause: "A user-defined route with next hop type None wins longest-prefix match for the registry's addresses on the client subnet: " +
               "Azure discards those packets, so connections to the registry time out.",
        solution:
        [
            "Check the route in effect on a client NIC: az network nic show-effective-route-table --ids <nic-id> -o table",
            "Delete the route, or point it at the intended next hop: az network route-table route delete -g <route-table-resource-group> --route-table-name <route-table> -n <route>",
        ],
        // Next hop type None drops traffic (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#user-defined).
        docLink: "https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview#user-defined",
        symptoms: [Symptoms.ClientTimeout, Symptoms.HostNotReachable],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    /// <summary>Maps the route hop's verdict for each intended target of the subnet's traffic: a dropping route is named.</summary>
    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (IntendedHops.NoRouteTable(evidence, subnetId) is { } nothingToMisroute) return nothingToMisroute;
        if (IntendedHops.Routes(evidence, subnetId, out var skip) is not { } judged) return skip!;

        var subnet = judged.Subnet;
        var drops = judged.Naming(Id, hop => (hop.RouteTableId, hop.RouteName)).Select(v => (v.Target.Target, v.Hop)).ToList();
        if (drops.Count == 0 && judged.Undecided is { } undecided) return RuleResult.Skip(undecided);
        return RuleResult.From(drops.Select(d => new Finding
        {
            Subject = $"{d.Hop.RouteTableId}/routes/{d.Hop.RouteName}",
            Message = $"Route {d.Hop.RouteName} ({d.Hop.AddressPrefix}) of {new ResourceId(d.Hop.RouteTableId!).Name} on subnet {subnet.Name} has next hop None: " +
                      $"it drops traffic to {d.Target.Words}; expected a route that delivers it.",
            Evidence = [new EvidenceRef(d.Hop.RouteTableId!, $"properties.routes[name={d.Hop.RouteName}].properties.nextHopType", d.Hop.NextHopType, "Internet, VirtualAppliance or no route")],
            Fix =
            [
                Shell.Command($"az network route-table route delete -g {new ResourceId(d.Hop.RouteTableId!).ResourceGroup} --route-table-name {new ResourceId(d.Hop.RouteTableId!).Name} -n {d.Hop.RouteName}"),
            ],
        }));
    }
}
