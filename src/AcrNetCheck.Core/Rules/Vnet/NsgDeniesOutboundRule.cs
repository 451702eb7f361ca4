using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

public sealed class NsgDeniesOutboundRule : Rule
{
    // Custom NSG rules take priorities 100 to 4096 (learn.microsoft.com/azure/virtual-network/network-security-groups-overview).
    private const int LowestCustomPriority = 100;
    private const int HighestCustomPriority = 4096;

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: "vnet.nsg-denies-outbound",
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A network security group denies outbound HTTPS to the registry",
        cause: "An outbound rule of the network security group on the client's subnet or NIC matches TCP 443 to the registry's addresses " +
               "with Deny before any rule allows it, so connections from the subnet to the registry are dropped.",
        solution:
        [
            "List the rules in effect on the client: az network nic list-effective-nsg --ids <nic-id> -o table",
            "Add an outbound allow rule with a lower priority number than the denying rule: az network nsg rule create -g <nsg-resource-group> " +
            "--nsg-name <nsg> -n AllowAcrOutbound --priority <n> --direction Outbound --access Allow --protocol Tcp --destination-port-ranges 443 " +
            "--destination-address-prefixes AzureContainerRegistry (with private endpoints: the private endpoint subnet's prefix instead)",
            "Without dedicated data endpoints, layers download from the registry's storage (*.blob.core.windows.net): allow the Storage service tag the same way",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules#allow-access-by-service-tag",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.HostNotReachable],
        explains: ["client.tcp-blocked", "client.data-endpoint-blocked"]);

    private sealed record Destination(string? Address, string Label, string? Tag);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (evidence.Resource<SubnetView>(subnetId) is not { } subnet) return RuleResult.Skip(evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"));
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));

        var client = ClientNsgs.For(evidence, subnet);
        var missing = client.MissingReason;
        if (client.Attached.Count == 0 && missing is null) return RuleResult.Pass("no network security group filters the client subnet");

        var space = NsgAddressSpace.For(evidence, subnet);
        if (client.Source is not { } source) return RuleResult.Needs($"arm.resources[{subnetId}].properties.addressPrefix");
        if (PrivateEndpointsUnread(evidence) is { } unreadEndpoint) return RuleResult.Skip(evidence.MissingReason(unreadEndpoint, $"arm.resources[{unreadEndpoint}]"));
        var destinations = Destinations(evidence, registry, space.ServiceTags);

        var denials = new List<(NetworkSecurityGroupView Nsg, string Attachment, SecurityRule Rule, List<Destination> Destinations)>();
        NsgVerdict? undecided = null;
        foreach (var (nsgId, attachment) in client.Attached)
        {
            if (evidence.Resource<NetworkSecurityGroupView>(nsgId) is not { } nsg)
            {
                missing ??= evidence.MissingReason(nsgId, $"arm.resources[{nsgId}]");
                continue;
            }
            foreach (var destination in destinations)
            {
                var verdict = NsgEvaluator.EvaluateOutbound(nsg, new NsgFlow(source.Address, destination.Address, destination.Tag), space);
                if (verdict.Decision == NsgDecision.Indeterminate) undecided ??= verdict;
                if (verdict is not { Decision: NsgDecision.Deny, Rule: { } rule }) continue;
                var denial = denials.FirstOrDefault(d => d.Nsg.Id == nsg.Id && d.Rule.Name == rule.Name && d.Rule.IsDefault == rule.IsDefault);
                if (denial.Nsg is null) denials.Add(denial = (nsg, attachment, rule, []));
                denial.Destinations.Add(destination);
            }
        }

        if (denials.Count > 0) return RuleResult.From(denials.Select(d => ToFinding(d.Nsg, d.Attachment, d.Rule, d.Destinations, source.Label)));
        if (missing is not null) return RuleResult.Skip(missing);
        if (undecided is not null) return RuleResult.Needs($"{undecided.Needs} ({undecided.Reason})");
        return RuleResult.Pass();
    }

    /// <summary>An approved private endpoint whose resources were not read: its addresses, the destinations, are unknown.</summary>
    private static string? PrivateEndpointsUnread(EvidenceView evidence) =>
        evidence.PrivateEndpointAddresses.Count == 0 ? evidence.ApprovedConnections.FirstOrDefault()?.PrivateEndpointId : null;

    /// <summary>
    /// The approved private endpoints' addresses when the registry has them, else its public side represented by the first
    /// address of <c>AzureContainerRegistry.&lt;region&gt;</c> (null when the bundle lacks the tag).
    /// </summary>
    private static IReadOnlyList<Destination> Destinations(EvidenceView evidence, RegistryView registry, ServiceTagMatcher tags)
    {
        if (evidence.PrivateEndpointAddresses.Count > 0)
            return evidence.PrivateEndpointAddresses
                .SelectMany(kv => kv.Value.Select(ip => (Ip: ip, Fqdn: kv.Key)))
                .GroupBy(x => x.Ip)
                .Select(g => new Destination(g.Key, FindingText.List(g.Select(x => x.Fqdn)), null))
                .ToList();
        var destination = PublicDestination.For(tags, ServiceTagMatcher.ContainerRegistry, evidence.Regions.FirstOrDefault());
        return [new Destination(destination.Address, $"the public endpoints of {registry.LoginServer ?? evidence.RegistryName} ({destination.Tag})", destination.Tag)];
    }

    private static Finding ToFinding(NetworkSecurityGroupView nsg, string attachment, SecurityRule rule, List<Destination> destinations, string source)
    {
        var collection = rule.IsDefault ? "defaultSecurityRules" : "securityRules";
        var targets = FindingText.List(destinations.Select(d => d.Address is { } ip ? $"{FindingText.Address(ip)} [{d.Label}]" : d.Label));
        var prefixes = destinations.All(d => d.Tag is null)
            ? string.Join(' ', destinations.Select(d => d.Address))
            : ServiceTagMatcher.ContainerRegistry;
        return new Finding
        {
            Subject = $"{nsg.Id}/{collection}/{rule.Name}",
            Message = $"NSG {nsg.Name} on {attachment}: {(rule.IsDefault ? "default rule" : "rule")} {rule.Name} (priority {rule.Priority}, Deny) " +
                      $"is the first outbound rule matching TCP 443 from {source} to {targets}; expected an Allow rule to match first.",
            Evidence = [new EvidenceRef(nsg.Id, $"properties.{collection}[name={rule.Name}].properties.access", rule.Access, "Allow")],
            Fix =
            [
                $"az network nsg rule create -g {new ResourceId(nsg.Id).ResourceGroup} --nsg-name {nsg.Name} -n AllowAcrOutbound " +
                $"--priority {FreePriorityBelow(nsg, rule.Priority)?.ToString() ?? "<n>"} --direction Outbound --access Allow --protocol Tcp " +
                $"--destination-port-ranges 443 --destination-address-prefixes {prefixes}",
            ],
        };
    }

    /// <summary>The highest unused custom priority that still comes before <paramref name="denying"/>, if any.</summary>
    private static int? FreePriorityBelow(NetworkSecurityGroupView nsg, int denying)
    {
        var used = nsg.SecurityRules.Select(r => r.Priority).ToHashSet();
        for (var priority = Math.Min(denying, HighestCustomPriority + 1) - 1; priority >= LowestCustomPriority; priority--)
            if (!used.Contains(priority)) return priority;
        return null;
    }
}
