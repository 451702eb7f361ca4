using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class ServiceEndpointDisabledByPublicAccessRule : Rule
{
    public new const string Id = "public.service-endpoint-disabled-by-public-access";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Error,
        title: "Service-endpoint rules are ignored because public access is disabled",
        cause: "Virtual network (service endpoint) rules filter traffic on the registry's public endpoint; with publicNetworkAccess " +
               "Disabled that endpoint refuses everything, so clients in the listed subnets are refused too.",
        solution:
        [
            "Re-enable public access restricted to selected networks: az acr update --name <registry> --public-network-enabled true --default-action Deny",
            "Check the service-endpoint rules still listed: az acr network-rule list --name <registry>",
            "Or move those clients to a private endpoint: az network private-endpoint create --name <pe-name> --resource-group <resource-group> --vnet-name <vnet> --subnet <subnet> --private-connection-resource-id <registry-id> --group-id registry --connection-name <connection-name>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-vnet",
        symptoms: [Symptoms.LoginForbidden],
        // With VNet rules in place, this is the specific reason the public endpoint now refuses everyone.
        explains: [AccessDisabledRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (!registry.PublicNetworkAccessDisabled) return RuleResult.NotApplicable("public network access is Enabled, so service-endpoint rules apply");
        if (registry.VirtualNetworkRules is not { } vnetRules)
            return RuleResult.Needs("arm.registry.properties.networkRuleSet.virtualNetworkRules (read with api-version 2021-08-01-preview)");

        return RuleResult.From(vnetRules.Select((rule, i) =>
        {
            var subnet = new ResourceId(rule.SubnetId);
            var vnet = subnet.Parent is { } vnetId ? $" of {new ResourceId(vnetId).Name}" : "";
            return new Finding
            {
                Subject = rule.SubnetId,
                Message = $"The service-endpoint rule for subnet {subnet.Name}{vnet} has no effect: public network access is Disabled, " +
                          "and service-endpoint rules only admit traffic on the public endpoint.",
                Evidence =
                [
                    new EvidenceRef(registry.Id, $"properties.networkRuleSet.virtualNetworkRules[{i}].id", rule.SubnetId),
                    registry.PublicNetworkAccessEvidence(),
                ],
                // A full subnet id lets az place the endpoint in that subnet without a --vnet-name lookup.
                Fix =
                [
                    Shell.Command($"az network private-endpoint create --name <pe-name> --resource-group {subnet.ResourceGroup ?? "<resource-group>"} --subnet {rule.SubnetId} ") +
                    "--private-connection-resource-id <registry-id> --group-id registry --connection-name <connection-name>",
                ],
            };
        }));
    }
}
