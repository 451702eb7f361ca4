using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Rules.Client;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateEndpointVnetNotPeeredRule : Rule
{
    public new const string Id = "vnet.private-endpoint-vnet-not-peered";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The client's virtual network has no path to the private endpoint's",
        cause: "The private endpoint lives in another virtual network that the client's is not peered with, and no route sends its address " +
               "through an appliance or gateway: the client resolves the private address but its packets have nowhere to go. Peering is not " +
               "transitive, so a spoke reaches an endpoint in another spoke only through a hub that routes between them.",
        solution:
        [
            "Peer the client's virtual network with the endpoint's (both directions): az network vnet peering create -g <resource-group> --name <name> --vnet-name <client-vnet> --remote-vnet <endpoint-vnet-id> --allow-vnet-access",
            "Or route the endpoint's address through the hub's firewall (a user-defined route with next hop VirtualAppliance), or create a private endpoint in the client's virtual network",
        ],
        docLink: "https://learn.microsoft.com/azure/private-link/private-endpoint-overview#network-security-of-private-endpoints",
        symptoms: [Symptoms.ClientTimeout, Symptoms.HostNotReachable],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    /// <summary>Maps the route hop's verdict for each private endpoint address: no peering and no route is this cause.</summary>
    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (evidence.ApprovedConnections.Count == 0) return RuleResult.NotApplicable("no approved private endpoint");
        if (IntendedHops.Routes(evidence, subnetId, out var skip) is not { } judged) return skip!;

        var cut = judged.Naming(Id, hop => hop.Label);
        if (cut.Count == 0 && judged.Undecided is { } undecided) return RuleResult.Skip(undecided);
        var vnet = judged.Subnet.VirtualNetworkId;
        return RuleResult.From(cut.Select(v => new Finding
        {
            Subject = vnet,
            Message = v.Hop.Detail,
            Evidence = v.Hop.Evidence,
            Fix =
            [
                Shell.Command($"az network vnet peering create -g {new ResourceId(vnet).ResourceGroup} --name {new ResourceId(vnet).Name}-to-{new ResourceId(v.Hop.Evidence[0].Expected!).Name} --vnet-name {new ResourceId(vnet).Name} --remote-vnet {v.Hop.Evidence[0].Expected} --allow-vnet-access"),
            ],
        }));
    }
}
