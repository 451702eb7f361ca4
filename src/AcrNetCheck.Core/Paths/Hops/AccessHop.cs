using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// Whether the registry accepts what arrives: through its private endpoint always; on the public side per public network access,
/// the default action, and service-endpoint virtual network rules (with the provider registered in the subnet's subscription).
/// Source: learn.microsoft.com/azure/container-registry/container-registry-vnet and container-registry-access-selected-networks.
/// </summary>
internal static class AccessHop
{
    public static PathStep Evaluate(EvidenceView evidence, SubnetView subnet, RegistryEndpoint endpoint, PathTarget target)
    {
        PathStep Step(StepStatus status, string label, string detail, string? ruleId = null, SkipReason? needs = null, params EvidenceRef[] refs) =>
            new() { Step = PathStep.Access, Status = status, Label = label, Detail = detail, RuleId = ruleId, Needs = needs, Evidence = refs };

        if (endpoint.Purpose == EndpointPurpose.Storage)
            return Step(StepStatus.Skipped, "access storage", "The registry's network rules do not govern its storage: layers download from the storage account directly.");
        if (target.IsPrivate)
            return Step(StepStatus.Ok, "access private endpoint", $"The private endpoint connection is approved; the registry's public network rules do not filter private endpoint traffic.");
        if (evidence.Registry is not { } registry)
            return Step(StepStatus.Unknown, "access unknown", "The registry was not read.", needs: evidence.MissingReason(evidence.RegistryId, "arm.registry"));

        var serviceEndpoint = subnet.HasContainerRegistryServiceEndpoint;
        var allowed = registry.AllowsSubnet(subnet.Id);
        var accessRef = new EvidenceRef(registry.Id, ArmView.PathOf("publicNetworkAccess"), registry.PublicNetworkAccess);
        var rulesRef = new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleSet.virtualNetworkRules"), allowed is null ? "not returned" : allowed.Value ? "names the subnet" : "does not name the subnet", subnet.Id);
        var endpointsRef = new EvidenceRef(subnet.Id, ArmView.PathOf("serviceEndpoints"), FindingText.List(subnet.ServiceEndpoints), "Microsoft.ContainerRegistry");
        if (registry.PublicNetworkAccessDisabled)
            return Step(StepStatus.Blocked, "access public disabled", $"{registry.Name} has public network access disabled, and {endpoint.Host} is reached the public way" +
                (serviceEndpoint && allowed == true ? "; that also turns off its service-endpoint rule for the subnet." : "."),
                serviceEndpoint && allowed == true ? ServiceEndpointDisabledByPublicAccessRule.Id : AccessDisabledRule.Id, refs: accessRef);
        if (!registry.DefaultActionDeny)
            return Step(StepStatus.Ok, "access public (all networks)", $"{registry.Name} allows all networks (defaultAction Allow).");

        if (serviceEndpoint)
        {
            if (allowed is null)
                return Step(StepStatus.Unknown, "access unknown (VNet rules not returned)", "The registry was read with an api-version that hides virtual network rules.",
                    needs: ServiceEndpointRuleMissingRule.VirtualNetworkRulesNeeded);
            if (allowed == false)
                return Step(StepStatus.Blocked, "access denied (no VNet rule)", $"Subnet {subnet.Name} reaches {registry.Name} through its service endpoint, but no virtual network rule allows it and the registry denies by default.",
                    ServiceEndpointRuleMissingRule.Id, refs: [rulesRef, endpointsRef]);
            return ProviderStep(evidence, registry, subnet, Step) ?? Step(StepStatus.Ok, "access VNet rule",
                $"Subnet {subnet.Name} reaches {registry.Name} through its service endpoint, and a virtual network rule allows it.", refs: rulesRef);
        }
        if (allowed == true)
            return Step(StepStatus.Blocked, "access denied (no service endpoint)", $"A virtual network rule names subnet {subnet.Name}, but it has no Microsoft.ContainerRegistry service endpoint: its traffic arrives from a public address the rule never matches.",
                SubnetMissingServiceEndpointRule.Id, refs: [endpointsRef, rulesRef]);
        if (registry.IpRules.Count == 0)
            return Step(StepStatus.Blocked, "access denied (selected networks)", $"{registry.Name} denies by default, with no IP rule and no virtual network rule for subnet {subnet.Name}.",
                IpNotAllowedRule.Id, refs: new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleSet.defaultAction"), registry.DefaultAction, "Allow"));
        return Step(StepStatus.Unknown, "access IP rules (egress address unknown)", $"{registry.Name} denies by default and allows only IP rules {FindingText.List(registry.IpRules.Select(r => r.Value))} for this subnet's traffic.",
            IpNotAllowedRule.Id, SkipReason.Needs($"the subnet's public egress address (NAT gateway, load balancer or firewall): is it in IP rules {FindingText.List(registry.IpRules.Select(r => r.Value))}?"));
    }

    private delegate PathStep StepFactory(StepStatus status, string label, string detail, string? ruleId = null, SkipReason? needs = null, params EvidenceRef[] refs);

    /// <summary>A service endpoint to the registry needs Microsoft.ContainerRegistry registered in the subnet's subscription.</summary>
    private static PathStep? ProviderStep(EvidenceView evidence, RegistryView registry, SubnetView subnet, StepFactory step)
    {
        if (new ResourceId(subnet.Id).SubscriptionId is not { } subscription) return null;
        var providerId = ArmPaths.Provider(subscription);
        if (evidence.Resource<ProviderView>(providerId) is { } provider)
            return provider.IsRegistered ? null : step(StepStatus.Blocked, "access denied (provider not registered)",
                $"Microsoft.ContainerRegistry is {provider.RegistrationState ?? "not registered"} in subscription {subscription}, where subnet {subnet.Name} lives.",
                ProviderNotRegisteredRule.Id, refs: new EvidenceRef(providerId, "registrationState", provider.RegistrationState, "Registered"));
        // The registry's own subscription has the provider registered: the registry exists there.
        return string.Equals(subscription, new ResourceId(registry.Id).SubscriptionId, StringComparison.OrdinalIgnoreCase) ? null
            : step(StepStatus.Unknown, "access unknown (provider)", $"Subnet {subnet.Name} is in subscription {subscription}, whose Microsoft.ContainerRegistry registration was not read.",
                needs: evidence.MissingReason(providerId, $"arm.resources[{providerId}]"));
    }
}
