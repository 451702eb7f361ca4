using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

public sealed class EgressViaFirewallRule : Rule
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
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.HostNotReachable],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (evidence.Resource<SubnetView>(subnetId) is not { } subnet) return RuleResult.Skip(evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"));
        if (subnet.RouteTableId is not { } routeTableId) return RuleResult.Pass("no route table on the client subnet: system routes carry registry traffic");
        if (evidence.Resource<RouteTableView>(routeTableId) is not { } table) return RuleResult.Skip(evidence.MissingReason(routeTableId, $"arm.resources[{routeTableId}]"));
        if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));

        var routes = table.Routes;
        if (!routes.Any(RouteEvaluator.LeadsToAppliance)) return RuleResult.Pass($"no route of {table.Name} leads to a virtual appliance");

        IReadOnlyList<(Route Route, string Carries)> carrying;
        if (evidence.ApprovedConnections.Count > 0)
        {
            if (evidence.PrivateEndpointAddresses.Count == 0 && evidence.ApprovedConnections[0].PrivateEndpointId is { } unread)
                return RuleResult.Skip(evidence.MissingReason(unread, $"arm.resources[{unread}]"));
            carrying = PrivateEndpointRoutes(evidence, routes);
        }
        else
        {
            carrying = PublicRoutes(routes, ServiceTagMatcher.For(evidence), evidence.Regions);
        }

        var hosts = evidence.Endpoints.Select(e => e.Host).ToList();
        return RuleResult.From(carrying.Select(c => new Finding
        {
            Subject = $"{table.Id}/routes/{c.Route.Name}",
            Message = $"Route {c.Route.Name} of {table.Name} sends the client subnet's traffic for {c.Carries} ({c.Route.AddressPrefix}) to the virtual appliance " +
                      $"{(c.Route.NextHopIpAddress is { } hop ? FindingText.Address(hop) : "(no next hop address)")}; that firewall must allow HTTPS (443) to " +
                      $"{FindingText.List(hosts)}.",
            Evidence =
            [
                new EvidenceRef(table.Id, $"properties.routes[name={c.Route.Name}].properties.nextHopType", c.Route.NextHopType),
                new EvidenceRef(table.Id, $"properties.routes[name={c.Route.Name}].properties.addressPrefix", c.Route.AddressPrefix),
            ],
            Fix = [FirewallRule(subnet, hosts)],
        }));
    }

    /// <summary>The appliance routes that win for some private endpoint address, each with the first address it carries.</summary>
    private static IReadOnlyList<(Route, string)> PrivateEndpointRoutes(EvidenceView evidence, IReadOnlyList<Route> routes) =>
        evidence.PrivateEndpointAddresses.Values.SelectMany(v => v).Distinct()
            .Select(address => (Route: RouteEvaluator.ForPrivateEndpoint(evidence, routes, address), Address: address))
            .Where(x => x.Route is { } r && RouteEvaluator.LeadsToAppliance(r))
            .GroupBy(x => x.Route!)
            .Select(g => (g.Key, $"the private endpoint address {g.First().Address}"))
            .ToList();

    /// <summary>
    /// Appliance routes that win longest-prefix match for some address of the registry's AzureContainerRegistry prefixes.
    /// Without those prefixes in the bundle only a default route (0.0.0.0/0) is known to carry registry traffic.
    /// </summary>
    private static IReadOnlyList<(Route, string)> PublicRoutes(IReadOnlyList<Route> routes, ServiceTagMatcher tags, IReadOnlyList<string> regions)
    {
        var registry = tags.RegistryPrefixes(regions);
        if (registry.Count == 0)
            return RouteEvaluator.DefaultRoutes(routes).Where(RouteEvaluator.LeadsToAppliance)
                .Select(r => (r, "all destinations, the registry's public addresses among them")).ToList();
        return RouteEvaluator.ForPublicPrefixes(routes, registry, tags).Where(RouteEvaluator.LeadsToAppliance)
            .Select(r => (r, "the registry's public addresses")).ToList();
    }

    private static string FirewallRule(SubnetView subnet, IReadOnlyList<string> hosts) =>
        "az network firewall application-rule create -g <firewall-resource-group> --firewall-name <firewall> --collection-name AllowContainerRegistry " +
        $"--name acr --priority <n> --action Allow --protocols Https=443 --source-addresses {string.Join(' ', subnet.AddressPrefixes)} " +
        $"--target-fqdns {string.Join(' ', hosts)}";
}
