using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class ServiceEndpointRuleMissingRule : Rule
{
    public new const string Id = "vnet.service-endpoint-rule-missing";

    /// <summary>Newer api-versions omit service-endpoint rules, so rules about them need the registry read with an older one.</summary>
    internal static readonly SkipReason VirtualNetworkRulesNeeded = SkipReason.Needs(
        "arm.registry.properties.networkRuleSet.virtualNetworkRules (read with api-version 2021-08-01-preview)");

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The client subnet's service endpoint has no network rule on the registry",
        cause: "The client subnet has a Microsoft.ContainerRegistry service endpoint, so its requests reach the registry from the subnet's " +
               "private addresses, tagged with the subnet; the registry denies by default and no virtual network rule allows that subnet, " +
               "and no IP rule can match a private source address.",
        solution:
        [
            "Allow the subnet: az acr network-rule add --name <registry> --subnet <subnet-id>",
            "Check the rules: az acr network-rule list --name <registry>",
            "Or remove the Microsoft.ContainerRegistry service endpoint from the subnet so traffic leaves through its public address, and allow that address instead",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-vnet",
        symptoms: [Symptoms.LoginForbidden],
        explains: [IpNotAllowedRule.Id, DeniedLoginsRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (evidence.Resource<SubnetView>(subnetId) is not { } subnet) return RuleResult.Skip(evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]"));
        if (!subnet.HasContainerRegistryServiceEndpoint) return RuleResult.NotApplicable($"subnet {subnet.Name} has no Microsoft.ContainerRegistry service endpoint");
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        // Disabled public access also shuts the service endpoint out (container-registry-troubleshoot-access): another cause.
        if (registry.PublicNetworkAccessDisabled) return RuleResult.NotApplicable("public network access is disabled: network rules are not consulted");
        if (!registry.DefaultActionDeny) return RuleResult.NotApplicable("the registry allows all networks (defaultAction Allow)");
        if (evidence.Endpoints.FirstOrDefault(e => e.Purpose == EndpointPurpose.LoginServer) is not { } login) return RuleResult.Needs("target.loginServer");

        // Service-endpoint traffic meets the public endpoint's rules: the access hop decides it.
        var hop = AccessHop.Evaluate(evidence, subnet, login, PathTarget.Public(evidence, login));
        if (hop.Status == StepStatus.Unknown && hop.Needs is { } undecided) return RuleResult.Skip(undecided);
        if (hop.RuleId != Id || registry.VirtualNetworkRules is not { } rules) return RuleResult.Pass();
        var listed = rules.Count == 0 ? "none" : FindingText.List(rules.Select(r => new ResourceId(r.SubnetId).Name));
        return RuleResult.Fail(new Finding
        {
            Subject = subnet.Id,
            Message = $"Subnet {subnet.Name} ({new ResourceId(subnet.VirtualNetworkId).Name}, {FindingText.List(subnet.AddressPrefixes)}) reaches " +
                      $"{registry.LoginServer ?? evidence.RegistryName} through its Microsoft.ContainerRegistry service endpoint, but the registry denies " +
                      $"by default and its virtual network rules name {(rules.Count == 0 ? "no subnet" : $"only: {listed}")}; expected a rule for this subnet.",
            Evidence =
            [
                new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleSet.virtualNetworkRules"), listed, subnet.Id),
                new EvidenceRef(subnet.Id, ArmView.PathOf("serviceEndpoints"), FindingText.List(subnet.ServiceEndpoints)),
            ],
            Fix = [Shell.Command($"az acr network-rule add --name <registry> --subnet {subnet.Id}")],
        });
    }
}
