using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class EgressViaFirewallRule : Rule
{
    public new const string Id = "vnet.egress-via-firewall";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Warning,
        title: "Registry traffic from the client subnet goes through a firewall or network virtual appliance",
        cause: "A user-defined route on the client subnet sends traffic for the registry's addresses to a virtual appliance (Azure Firewall or an NVA); " +
               "unless that appliance allows HTTPS to the login server and every data endpoint, pushes and pulls time out or fail on layer downloads.",
        solution:
        [
            "List the registry's endpoints: az acr show-endpoints --name <registry>",
            "Allow them on Azure Firewall: az network firewall application-rule create -g <firewall-resource-group> --firewall-name <firewall> " +
            "--collection-name AllowContainerRegistry --name acr --priority <n> --action Allow --protocols Https=443 --source-addresses <subnet-prefix> " +
            "--target-fqdns <login-server> <registry>.<region>.data.azurecr.io",
            "With a firewall policy or another NVA, add the same FQDNs (or the AzureContainerRegistry service tag) to its allow rules",
            "Check the route in effect on a client NIC: az network nic show-effective-route-table --ids <nic-id> -o table",
        ],
        docLink: Descriptors.Pages.AksEgress,
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.HostNotReachable],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    /// <summary>Maps the route hop's verdict for each intended target of the subnet's traffic: an appliance next hop names the route.</summary>
    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (IntendedHops.NoRouteTable(evidence, subnetId) is { } nothingToMisroute) return nothingToMisroute;
        if (IntendedHops.Routes(evidence, subnetId, out var skip) is not { } judged) return skip!;
        if (judged.Undecided is { } undecided) return RuleResult.Skip(undecided);

        var hosts = evidence.Endpoints.Select(e => e.Host).ToList();
        return RuleResult.From(judged.Naming(Id, hop => (hop.RouteTableId, hop.RouteName))
            .Select(v => ToFinding(v.Hop, Carries(v.Target.Target, v.Hop), judged.Subnet, hosts)));
    }

    private static string Carries(PathTarget target, RouteStep hop) =>
        target.IsPrivate ? $"the private endpoint address {target.Address}"
        : target.Address is null ? "all destinations, the registry's public addresses among them"
        : "the registry's public addresses";

    private static Finding ToFinding(RouteStep hop, string carries, SubnetView subnet, IReadOnlyList<string> hosts) => new()
    {
        Subject = $"{hop.RouteTableId}/routes/{hop.RouteName}",
        Message = $"Route {hop.RouteName} of {new ResourceId(hop.RouteTableId!).Name} sends the client subnet's traffic for {carries} ({hop.AddressPrefix}) to the virtual appliance " +
                  $"{(hop.NextHopIpAddress is { } next ? FindingText.Address(next) : "(no next hop address)")}; that firewall must allow HTTPS (443) to " +
                  $"{FindingText.List(hosts)}.",
        Evidence =
        [
            new EvidenceRef(hop.RouteTableId!, $"properties.routes[name={hop.RouteName}].properties.nextHopType", hop.NextHopType),
            new EvidenceRef(hop.RouteTableId!, $"properties.routes[name={hop.RouteName}].properties.addressPrefix", hop.AddressPrefix),
        ],
        Fix = [FirewallRule(subnet, hosts)],
    };

    private static string FirewallRule(SubnetView subnet, IReadOnlyList<string> hosts) =>
        "az network firewall application-rule create -g <firewall-resource-group> --firewall-name <firewall> --collection-name AllowContainerRegistry " +
        Shell.Command($"--name acr --priority <n> --action Allow --protocols Https=443 --source-addresses {Shell.Words(subnet.AddressPrefixes)} ") +
        Shell.Command($"--target-fqdns {Shell.Words(hosts)}");
}
