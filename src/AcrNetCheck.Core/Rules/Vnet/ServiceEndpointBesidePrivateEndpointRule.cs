using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class ServiceEndpointBesidePrivateEndpointRule : Rule
{
    public new const string Id = "vnet.service-endpoint-beside-private-endpoint";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Info,
        title: "Service endpoint rules next to private endpoints: service endpoints are the legacy option",
        cause: "Service endpoints for Azure Container Registry are a preview with no further development planned; Microsoft recommends private " +
               "endpoints instead, and the registry does not support both configured from a virtual network. Clients in a subnet with the " +
               "Microsoft.ContainerRegistry service endpoint keep using it while DNS may already send them to the private endpoint.",
        solution:
        [
            "List the VNet rules: az acr network-rule list --name <registry>",
            "Move their clients to the private endpoint (DNS zone linked to their VNet), then remove each rule: az acr network-rule remove --name <registry> --subnet <subnet-id>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-vnet",
        symptoms: []);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var approved = evidence.ApprovedConnections;
        if (approved.Count == 0) return RuleResult.NotApplicable("no approved private endpoint connection");
        if (registry.VirtualNetworkRules is not { } vnetRules) return RuleResult.Needs("arm.registry properties.networkRuleSet.virtualNetworkRules");
        if (vnetRules.Count == 0) return RuleResult.Pass("no virtual network rule beside the private endpoint(s)");

        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{registry.Name} has {vnetRules.Count} service endpoint (VNet) rule(s) ({FindingText.List(vnetRules.Select(r => new ResourceId(r.SubnetId).Name))}) " +
                      $"beside {approved.Count} approved private endpoint(s) ({FindingText.List(approved.Select(c => new ResourceId(c.PrivateEndpointId ?? c.Id).Name))}): " +
                      "service endpoints are the legacy option; move their clients to the private endpoint and remove the rules.",
            Evidence =
            [
                new EvidenceRef(registry.Id, "properties.networkRuleSet.virtualNetworkRules[].id", FindingText.List(vnetRules.Select(r => r.SubnetId)), "none beside a private endpoint"),
                new EvidenceRef(registry.Id, "properties.privateEndpointConnections[].properties.privateLinkServiceConnectionState.status", "Approved"),
            ],
        });
    }
}
