using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class IpRulesIgnoredForPrivateEndpointRule : Rule
{
    public new const string Id = "public.ip-rules-ignored-for-private-endpoint";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Info,
        title: "IP rules do not filter private endpoint traffic",
        cause: "IP network rules apply only to the registry's public endpoint: traffic through a private endpoint is not filtered by them, " +
               "and adding a client's address to them does not help a client that comes through the private endpoint.",
        solution:
        [
            "Review the IP rules as public-endpoint rules only: az acr network-rule list --name <registry>",
            "To restrict clients on the private path, use NSG rules on the private endpoint's subnet: az network vnet subnet update --resource-group <resource-group> --vnet-name <vnet> --name <subnet> --private-endpoint-network-policies Enabled",
            "If no client should use the public endpoint, disable it: az acr update --name <registry> --public-network-enabled false",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks",
        symptoms: []);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var approved = evidence.ApprovedConnections;
        if (approved.Count == 0) return RuleResult.NotApplicable("no approved private endpoint connection");
        var ipRules = registry.IpRules;
        if (ipRules.Count == 0) return RuleResult.Pass();

        var endpoints = FindingText.List(approved.Select(c => new ResourceId(c.PrivateEndpointId ?? c.Id).Name));
        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{registry.Name} has {ipRules.Count} IP rule(s) ({FindingText.List(ipRules.Select(r => r.Value))}) and the approved private endpoint(s) {endpoints}: " +
                      "traffic through the private endpoint is not filtered by the IP rules" +
                      (registry.PublicNetworkAccessDisabled ? ", and with public network access Disabled the IP rules have no effect at all." : "."),
            Evidence =
            [
                new EvidenceRef(registry.Id, "properties.networkRuleSet.ipRules[].value", FindingText.List(ipRules.Select(r => r.Value))),
                new EvidenceRef(registry.Id, "properties.privateEndpointConnections[].properties.privateLinkServiceConnectionState.status", "Approved"),
            ],
        });
    }
}
