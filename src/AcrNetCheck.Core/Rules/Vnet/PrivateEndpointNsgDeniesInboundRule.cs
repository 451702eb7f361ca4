using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules.Client;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateEndpointNsgDeniesInboundRule : Rule
{
    public new const string Id = "vnet.private-endpoint-nsg-denies-inbound";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The private endpoint subnet's NSG denies inbound HTTPS from the client",
        cause: "With network policies for private endpoints enabled on its subnet (privateEndpointNetworkPolicies Enabled or " +
               "NetworkSecurityGroupEnabled), the subnet's network security group filters traffic to the private endpoint: an inbound rule " +
               "matches TCP 443 from the client's subnet with Deny before any rule allows it, so connections to the private address time out.",
        solution:
        [
            "Add an inbound allow rule before the denying one: az network nsg rule create -g <nsg-resource-group> --nsg-name <nsg> -n AllowAcrFromClients --priority <n> --direction Inbound --access Allow --protocol Tcp --destination-port-ranges 443 --source-address-prefixes <client-subnet-prefix> --destination-address-prefixes <private-endpoint-ip>",
            "Or, if the subnet needs no NSG filtering for private endpoints: az network vnet subnet update -g <resource-group> --vnet-name <vnet> -n <subnet> --private-endpoint-network-policies Disabled",
        ],
        docLink: "https://learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var approved = evidence.ApprovedConnections.Select(c => c.PrivateEndpointId).OfType<string>().ToHashSet(ResourceId.Comparer!);
        var endpoints = evidence.PrivateEndpoints.Where(pe => approved.Contains(pe.Id)).ToList();
        if (endpoints.Count == 0) return RuleResult.NotApplicable("no approved private endpoint was read");
        var sources = evidence.SourceSubnetIds.Select(evidence.Resource<SubnetView>).OfType<SubnetView>().ToList();
        if (sources.Count == 0)
            return evidence.SourceSubnetIds.Count == 0
                ? RuleResult.Needs("vantage.subnetId (the client's subnet: --from)")
                : RuleResult.Skip(evidence.MissingReason(evidence.SourceSubnetIds[0], $"arm.resources[{evidence.SourceSubnetIds[0]}]"));

        var findings = new List<Finding>();
        var filtered = false;
        SkipReason? undecided = null;
        foreach (var endpoint in endpoints)
        {
            if (endpoint.SubnetId is not { } subnetId) continue;
            if (evidence.Resource<SubnetView>(subnetId) is not { } subnet) { undecided ??= evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"); continue; }
            if (!NsgsApplyToPrivateEndpoints(subnet) || subnet.NetworkSecurityGroupId is not { } nsgId) continue;
            if (evidence.Resource<NetworkSecurityGroupView>(nsgId) is not { } nsg) { undecided ??= evidence.MissingReason(nsgId, $"arm.resources[{nsgId}]"); continue; }
            filtered = true;
            var space = NsgAddressSpace.For(evidence, subnet);
            var addresses = evidence.PrivateEndpointAddressesOf(endpoint).Values.SelectMany(ips => ips).Distinct().ToList();
            foreach (var source in sources)
            {
                if (ClientNsgs.For(evidence, source).Source is not { } from) continue;
                var denied = addresses.Select(ip => (Ip: ip, Verdict: NsgEvaluator.EvaluateInbound(nsg, new NsgFlow(from.Address, ip), space)))
                    .Where(v => v.Verdict.Decision == NsgDecision.Deny).ToList();
                if (denied.Count > 0) findings.Add(ToFinding(nsg, subnet, endpoint, source, from, denied));
            }
        }
        if (findings.Count > 0) return RuleResult.From(findings);
        if (undecided is { } reason) return RuleResult.Skip(reason);
        return RuleResult.Pass(filtered ? "the private endpoint subnets' NSGs allow inbound 443 from the client subnets"
            : "no NSG filters traffic to the private endpoints (network policies disabled, or no NSG on their subnets)");
    }

    /// <summary>NSGs apply to private endpoints only with these network policy values (learn.microsoft.com/azure/private-link/disable-private-endpoint-network-policy).</summary>
    private static bool NsgsApplyToPrivateEndpoints(SubnetView subnet) => subnet.PrivateEndpointNetworkPolicies is { } p &&
        (p.Equals("Enabled", StringComparison.OrdinalIgnoreCase) || p.Equals("NetworkSecurityGroupEnabled", StringComparison.OrdinalIgnoreCase));

    private static Finding ToFinding(NetworkSecurityGroupView nsg, SubnetView peSubnet, PrivateEndpointView endpoint, SubnetView source, FlowSource from,
        IReadOnlyList<(string Ip, NsgVerdict Verdict)> denied)
    {
        var rule = denied[0].Verdict.Rule!;
        var collection = rule.IsDefault ? "defaultSecurityRules" : "securityRules";
        var sourcePrefix = source.AddressPrefixes.FirstOrDefault() ?? from.Address;
        return new Finding
        {
            Subject = $"{nsg.Id}/{collection}/{rule.Name}#{source.Id}",
            Message = $"NSG {nsg.Name} on the private endpoint subnet {peSubnet.Name} (privateEndpointNetworkPolicies {peSubnet.PrivateEndpointNetworkPolicies}): " +
                      $"{(rule.IsDefault ? "default rule" : "rule")} {rule.Name} (priority {rule.Priority}, Deny) is the first inbound rule matching TCP 443 " +
                      $"from {from.Label} to {endpoint.Name}'s {FindingText.List(denied.Select(d => d.Ip))}; expected an Allow rule to match first.",
            Evidence =
            [
                new EvidenceRef(nsg.Id, $"properties.{collection}[name={rule.Name}].properties.access", rule.Access, "Allow"),
                new EvidenceRef(peSubnet.Id, "properties.privateEndpointNetworkPolicies", peSubnet.PrivateEndpointNetworkPolicies, "Disabled, or an NSG allowing the client"),
            ],
            Fix =
            [
                Shell.Command($"az network nsg rule create -g {new ResourceId(nsg.Id).ResourceGroup} --nsg-name {nsg.Name} -n AllowAcrFromClients --priority <n> --direction Inbound --access Allow --protocol Tcp ") +
                Shell.Command($"--destination-port-ranges 443 --source-address-prefixes {sourcePrefix} --destination-address-prefixes {Shell.Words(denied.Select(d => d.Ip))}"),
            ],
        };
    }
}
