using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

public sealed class EgressViaFirewallRule : Rule
{
    private const string VirtualAppliance = "VirtualAppliance";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: "vnet.egress-via-firewall",
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
        explains: ["client.tcp-blocked", "client.data-endpoint-blocked"]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Vantage?.SubnetId is not { } subnetId) return RuleResult.Needs("vantage.subnetId (--from <subnet>)");
        if (evidence.VantageSubnet is not { } subnet) return RuleResult.Skip(evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"));
        if (subnet.RouteTableId is not { } routeTableId) return RuleResult.Pass("no route table on the client subnet: system routes carry registry traffic");
        if (evidence.Resource<RouteTableView>(routeTableId) is not { } table) return RuleResult.Skip(evidence.MissingReason(routeTableId, $"arm.resources[{routeTableId}]"));
        if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));

        var routes = table.Routes;
        var appliances = routes.Where(r => r.NextHopType.Equals(VirtualAppliance, StringComparison.OrdinalIgnoreCase)).ToList();
        if (appliances.Count == 0) return RuleResult.Pass($"no route of {table.Name} leads to a virtual appliance");

        IReadOnlyList<(Route Route, string Carries)> carrying;
        if (evidence.ApprovedConnections.Count > 0)
        {
            if (evidence.PrivateEndpointAddresses.Count == 0 && evidence.ApprovedConnections[0].PrivateEndpointId is { } unread)
                return RuleResult.Skip(evidence.MissingReason(unread, $"arm.resources[{unread}]"));
            carrying = PrivateEndpointRoutes(evidence, appliances);
        }
        else
        {
            carrying = PublicRoutes(routes, appliances, ServiceTagMatcher.For(evidence), evidence.Regions);
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

    /// <summary>
    /// A private endpoint publishes a /32 route to its address, which beats broader user-defined routes by longest prefix
    /// match; only with route-table network policies on the endpoint's subnet does a route as broad as the VNet's address
    /// space or broader override it (learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy).
    /// </summary>
    private static IReadOnlyList<(Route, string)> PrivateEndpointRoutes(EvidenceView evidence, IReadOnlyList<Route> appliances)
    {
        var addresses = evidence.PrivateEndpointAddresses.Values.SelectMany(v => v).Distinct().ToList();
        var subnets = evidence.PrivateEndpoints.Select(pe => evidence.Resource<SubnetView>(pe.SubnetId)).OfType<SubnetView>().ToList();
        var carrying = new List<(Route, string)>();
        foreach (var route in appliances)
        {
            if (!IpPrefix.TryParse(route.AddressPrefix, out var prefix)) continue;
            var address = addresses.FirstOrDefault(a => prefix.Contains(a) && (prefix.Length == prefix.MaxLength || OverridesEndpointRoute(evidence, subnets, a, prefix)));
            if (address is not null) carrying.Add((route, $"the private endpoint address {address}"));
        }
        return carrying;
    }

    private static bool OverridesEndpointRoute(EvidenceView evidence, IReadOnlyList<SubnetView> endpointSubnets, string address, IpPrefix route)
    {
        var subnet = endpointSubnets.FirstOrDefault(s => s.AddressPrefixes.Any(p => IpPrefix.TryParse(p, out var sp) && sp.Contains(address)));
        if (subnet is not { RouteTablesApplyToPrivateEndpoints: true }) return false;
        var vnetSpace = evidence.Resource<VirtualNetworkView>(subnet!.VirtualNetworkId)?.AddressPrefixes
            .Select(p => IpPrefix.TryParse(p, out var vp) ? (IpPrefix?)vp : null).OfType<IpPrefix>().FirstOrDefault(vp => vp.Contains(address));
        return vnetSpace is { } space && route.Length <= space.Length;
    }

    /// <summary>
    /// Appliance routes that win longest-prefix match for some address of the registry's AzureContainerRegistry prefixes.
    /// Without those prefixes in the bundle only a default route (0.0.0.0/0) is known to carry registry traffic.
    /// </summary>
    private static IReadOnlyList<(Route, string)> PublicRoutes(IReadOnlyList<Route> routes, IReadOnlyList<Route> appliances, ServiceTagMatcher tags, IReadOnlyList<string> regions)
    {
        var registry = tags.RegistryPrefixes(regions);
        if (registry.Count == 0)
            return appliances.Where(r => IpPrefix.TryParse(r.AddressPrefix, out var p) && p.Length == 0)
                .Select(r => (r, "all destinations, the registry's public addresses among them")).ToList();

        var candidates = registry.Select(p => p.Network)
            .Concat(appliances.SelectMany(r => Prefixes(r, tags)).Where(p => registry.Any(a => a.Covers(p))).Select(p => p.Network))
            .Distinct().ToList();
        var winners = candidates.Select(a => Winner(routes, a, tags)).OfType<Route>().ToList();
        return appliances.Where(winners.Contains).Select(r => (r, "the registry's public addresses")).ToList();
    }

    /// <summary>
    /// The route Azure picks for <paramref name="address"/>: the longest matching prefix; on a tie an explicit prefix beats a
    /// service tag (learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview).
    /// </summary>
    private static Route? Winner(IReadOnlyList<Route> routes, System.Net.IPAddress address, ServiceTagMatcher tags) =>
        routes.SelectMany(r => Prefixes(r, tags).Where(p => p.Contains(address)).Select(p => (Route: r, p.Length, IsTag: !IpPrefix.TryParse(r.AddressPrefix, out _))))
            .OrderByDescending(x => x.Length).ThenBy(x => x.IsTag)
            .Select(x => x.Route).FirstOrDefault();

    /// <summary>A route's address prefix, or the prefixes of the service tag it names (none when the bundle lacks the tag).</summary>
    private static IReadOnlyList<IpPrefix> Prefixes(Route route, ServiceTagMatcher tags) =>
        IpPrefix.TryParse(route.AddressPrefix, out var prefix) ? [prefix] : tags.KnownPrefixes(route.AddressPrefix) ?? [];

    private static string FirewallRule(SubnetView subnet, IReadOnlyList<string> hosts) =>
        "az network firewall application-rule create -g <firewall-resource-group> --firewall-name <firewall> --collection-name AllowContainerRegistry " +
        $"--name acr --priority <n> --action Allow --protocols Https=443 --source-addresses {string.Join(' ', subnet.AddressPrefixes)} " +
        $"--target-fqdns {string.Join(' ', hosts)}";
}
