using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

public enum NsgDecision { Allow, Deny, Indeterminate }

/// <summary>
/// An outbound flow to weigh: TCP from <see cref="Source"/> to <see cref="Destination"/> on <see cref="Port"/>. A null
/// <see cref="Destination"/> stands for some public address of <see cref="DestinationTag"/> whose prefixes the bundle lacks:
/// only rules that name no specific prefix can be weighed against it.
/// </summary>
internal sealed record NsgFlow(string Source, string? Destination, string? DestinationTag = null, int Port = 443);

/// <summary>The decision and the rule that made it; an indeterminate one names in <see cref="Needs"/> what would decide it.</summary>
internal sealed record NsgVerdict(NsgDecision Decision, SecurityRule? Rule, string Reason, string? Needs = null);

/// <summary>
/// What NSG address names stand for around one subnet: the <c>VirtualNetwork</c> tag as the VNet's address space plus its
/// peerings', and the bundle's service tags. When the VNet was not read (<see cref="VirtualNetworkRead"/> false) only the
/// subnet's own prefixes are known.
/// </summary>
internal sealed record NsgAddressSpace(IReadOnlyList<IpPrefix> VirtualNetwork, ServiceTagMatcher ServiceTags, string? VirtualNetworkId = null, bool VirtualNetworkRead = true)
{
    public bool InVirtualNetwork(string address) => VirtualNetwork.Any(p => p.Contains(address));

    public static NsgAddressSpace For(EvidenceView evidence, SubnetView subnet)
    {
        var tags = ServiceTagMatcher.For(evidence);
        if (evidence.Resource<VirtualNetworkView>(subnet.VirtualNetworkId) is not { } vnet)
            return new(Parse(subnet.AddressPrefixes), tags, subnet.VirtualNetworkId, VirtualNetworkRead: false);

        var prefixes = new List<string>(vnet.AddressPrefixes);
        prefixes.AddRange(vnet.PeeredAddressPrefixes);
        foreach (var peered in vnet.PeeredVirtualNetworkIds.Select(evidence.Resource<VirtualNetworkView>).OfType<VirtualNetworkView>())
            prefixes.AddRange(peered.AddressPrefixes);
        return new(Parse(prefixes), tags, vnet.Id);
    }

    private static IReadOnlyList<IpPrefix> Parse(IEnumerable<string> prefixes) =>
        prefixes.Select(p => IpPrefix.TryParse(p, out var prefix) ? (IpPrefix?)prefix : null).OfType<IpPrefix>().Distinct().ToList();
}

/// <summary>
/// Evaluates an NSG's outbound (or inbound) rules for one flow as Azure does: custom and default rules together in ascending priority,
/// the first rule that matches protocol, destination port, source and destination decides
/// (learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works).
/// </summary>
internal static class NsgEvaluator
{
    private sealed record Match(bool? Matches, string? Why = null, string? Needs = null)
    {
        public static readonly Match Yes = new(true);
        public static readonly Match No = new(false);
        public static Match Of(bool matches) => matches ? Yes : No;
    }

    public static NsgVerdict EvaluateOutbound(NetworkSecurityGroupView nsg, NsgFlow flow, NsgAddressSpace space) =>
        Evaluate(nsg, flow, space, "Outbound");

    /// <summary>
    /// The same evaluation for traffic arriving at <see cref="NsgFlow.Destination"/> (a private endpoint's address) from
    /// <see cref="NsgFlow.Source"/>: the NSG's inbound rules, <paramref name="space"/> being the destination subnet's.
    /// </summary>
    public static NsgVerdict EvaluateInbound(NetworkSecurityGroupView nsg, NsgFlow flow, NsgAddressSpace space) =>
        Evaluate(nsg, flow, space, "Inbound");

    private static NsgVerdict Evaluate(NetworkSecurityGroupView nsg, NsgFlow flow, NsgAddressSpace space, string direction)
    {
        var rules = nsg.SecurityRules.Concat(nsg.DefaultSecurityRules)
            .Where(r => r.Direction.Equals(direction, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Priority).ThenBy(r => r.IsDefault);
        foreach (var rule in rules)
        {
            if (!ProtocolMatches(rule.Protocol) || !PortMatches(rule.DestinationPortRanges, flow.Port)) continue;
            var source = Side(rule, rule.SourceAddressPrefixes, p => AddressMatches(p, flow.Source, flow, space));
            var destination = Side(rule, rule.DestinationAddressPrefixes, p => AddressMatches(p, flow.Destination, flow, space));
            if (source.Matches == false || destination.Matches == false) continue;

            var label = $"{(rule.IsDefault ? "default rule" : "rule")} {rule.Name} (priority {rule.Priority}) of {nsg.Name}";
            if ((source.Matches is null ? source : destination.Matches is null ? destination : null) is { } unknown)
                return new(NsgDecision.Indeterminate, rule, $"{label} could not be evaluated: {unknown.Why}", unknown.Needs);
            var decision = rule.Access.Equals("Allow", StringComparison.OrdinalIgnoreCase) ? NsgDecision.Allow : NsgDecision.Deny;
            return new(decision, rule, $"{label} {(decision == NsgDecision.Allow ? "allows" : "denies")} it");
        }
        // Every NSG ends with DenyAllOutBound / DenyAllInBound (65500): reaching here means its default rules were not in the document.
        return new(NsgDecision.Indeterminate, null, $"no {direction.ToLowerInvariant()} rule of {nsg.Name} matched: its default rules were not read",
            $"arm.resources[{nsg.Id}].properties.defaultSecurityRules");
    }

    // NSG documents write "*" or a protocol name; effective-rule listings write "All", older tools "Any".
    private static bool ProtocolMatches(string protocol) =>
        protocol is "*" || new[] { "Tcp", "Any", "All" }.Any(p => p.Equals(protocol, StringComparison.OrdinalIgnoreCase));

    private static bool PortMatches(IReadOnlyList<string> ranges, int port) =>
        ranges.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Any(range =>
        {
            if (range == "*") return true;
            var bounds = range.Split('-', StringSplitOptions.TrimEntries);
            return bounds.Length switch
            {
                1 => int.TryParse(bounds[0], out var single) && single == port,
                2 => int.TryParse(bounds[0], out var low) && int.TryParse(bounds[1], out var high) && low <= port && port <= high,
                _ => false,
            };
        });

    /// <summary>Any prefix of a side matching decides it; an undecidable prefix leaves it undecided unless another matches.</summary>
    private static Match Side(SecurityRule rule, IReadOnlyList<string> prefixes, Func<string, Match> matches)
    {
        // ARM writes either prefixes or application security groups on a side; membership of the client's NIC in an ASG is not evidence here.
        if (prefixes.Count == 0)
            return rule.UsesApplicationSecurityGroups
                ? new(null, "it uses an application security group", "applicationSecurityGroups of the client NIC")
                : Match.No;
        Match? undecided = null;
        foreach (var prefix in prefixes)
        {
            var match = matches(prefix);
            if (match.Matches == true) return match;
            if (match.Matches is null) undecided ??= match;
        }
        return undecided ?? Match.No;
    }

    private static Match AddressMatches(string prefix, string? address, NsgFlow flow, NsgAddressSpace space)
    {
        if (prefix is "*" || prefix.Equals("Any", StringComparison.OrdinalIgnoreCase)) return Match.Yes;
        if (IpPrefix.TryParse(prefix, out var cidr))
            return address is not null ? Match.Of(cidr.Contains(address))
                : cidr.Length == 0 ? Match.Yes
                : UnknownDestination(flow, prefix);
        if (prefix.Equals("Internet", StringComparison.OrdinalIgnoreCase))
            // Internet = public address space outside the VNet; the registry's public endpoints are such addresses.
            return Match.Of(address is null || (AddressClassifier.Classify(address) == AddressClass.Public && !space.InVirtualNetwork(address)));
        if (prefix.Equals("VirtualNetwork", StringComparison.OrdinalIgnoreCase))
            return VirtualNetworkMatches(address, space);

        if (address is null)
            return flow.DestinationTag is { } tag && (tag.Equals(prefix, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase))
                ? Match.Yes
                : UnknownDestination(flow, prefix);
        return space.ServiceTags.Contains(prefix, address) is { } inTag
            ? Match.Of(inTag)
            : new(null, $"service tag {prefix} is not in the bundle", $"serviceTags.tags[{prefix}]");
    }

    private static Match VirtualNetworkMatches(string? address, NsgAddressSpace space)
    {
        // The registry's public endpoints are Microsoft public addresses, never inside a VNet's private address space.
        if (address is null) return Match.No;
        if (space.InVirtualNetwork(address)) return Match.Yes;
        if (!AddressClassifier.IsPrivate(address)) return Match.No;
        // The tag also covers on-premises prefixes behind a gateway and route-table prefixes, which the bundle does not hold.
        return space.VirtualNetworkRead
            ? new(null, $"{address} is outside the VNet's and its peerings' address space as read (on-premises prefixes also count as VirtualNetwork)",
                $"arm.resources[{space.VirtualNetworkId ?? "<vnet>"}].properties.virtualNetworkPeerings (a peering or gateway prefix holding {address})")
            : new(null, $"the VNet's address space was not read to place {address}", $"arm.resources[{space.VirtualNetworkId ?? "<vnet>"}]");
    }

    private static Match UnknownDestination(NsgFlow flow, string prefix) =>
        new(null, $"{prefix} cannot be weighed against the registry's public addresses", $"serviceTags.tags[{flow.DestinationTag ?? ServiceTagMatcher.ContainerRegistry}]");
}
