using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class SubnetMissingServiceEndpointRule : Rule
{
    public new const string Id = "vnet.subnet-missing-service-endpoint";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A subnet allowed by a virtual network rule has no registry service endpoint",
        cause: "The registry's virtual network rule allows a subnet that lacks the Microsoft.ContainerRegistry service endpoint, so that " +
               "subnet's traffic reaches the registry from a public address without the subnet's identity and the rule never matches it.",
        solution:
        [
            "Add the service endpoint to the subnet: az network vnet subnet update --ids <subnet-id> --service-endpoints Microsoft.ContainerRegistry " +
            "(the list replaces the subnet's service endpoints: include the ones it already has)",
            "Then check the rule is in place: az acr network-rule list --name <registry>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-vnet",
        symptoms: [Symptoms.LoginForbidden, Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (registry.VirtualNetworkRules is not { } rules) return RuleResult.Skip(ServiceEndpointRuleMissingRule.VirtualNetworkRulesNeeded);
        if (rules.Count == 0) return RuleResult.NotApplicable("the registry has no virtual network rules");
        if (!registry.DefaultActionDeny) return RuleResult.NotApplicable("the registry allows all networks (defaultAction Allow): virtual network rules are not consulted");

        var findings = new List<Finding>();
        var unread = new List<string>();
        foreach (var (rule, index) in rules.Select((r, i) => (r, i)))
        {
            if (evidence.Resource<SubnetView>(rule.SubnetId) is not { } subnet) { unread.Add(rule.SubnetId); continue; }
            if (subnet.HasContainerRegistryServiceEndpoint) continue;
            findings.Add(new Finding
            {
                Subject = subnet.Id,
                Message = $"Virtual network rule {index} allows subnet {subnet.Name} ({new ResourceId(subnet.VirtualNetworkId).Name}), whose service endpoints are " +
                          $"{(subnet.ServiceEndpoints.Count == 0 ? "none" : FindingText.List(subnet.ServiceEndpoints))}; expected Microsoft.ContainerRegistry.",
                Evidence =
                [
                    new EvidenceRef(subnet.Id, ArmView.PathOf("serviceEndpoints"), FindingText.List(subnet.ServiceEndpoints), "Microsoft.ContainerRegistry"),
                    new EvidenceRef(registry.Id, ArmView.PathOf($"networkRuleSet.virtualNetworkRules[{index}].id"), rule.SubnetId),
                ],
                Fix = [Shell.Command($"az network vnet subnet update --ids {subnet.Id} --service-endpoints {Shell.Words(subnet.ServiceEndpoints.Append("Microsoft.ContainerRegistry"))}")],
            });
        }

        if (unread.Count == rules.Count) return RuleResult.Skip(evidence.MissingReason(unread[0], $"arm.resources[{unread[0]}]"));
        return RuleResult.From(findings, unread.Count == 0 ? null : $"subnets not read, so not checked: {FindingText.List(unread)}");
    }
}
