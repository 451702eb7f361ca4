using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class NetworkRuleLimitReachedRule : Rule
{
    public new const string Id = "public.network-rule-limit-reached";

    // Premium limits from "Azure Container Registry SKU features and limits"
    // (learn.microsoft.com/azure/container-registry/container-registry-skus): public IP network rules 200 (older revisions of
    // the page and container-registry-access-selected-networks said 100), virtual network rules 100, private endpoints 200.
    // Get-AzContainerRegistryUsage reports the same quotas as IPRules, VNetRules and PrivateEndpointConnections.
    internal const int MaxIpRules = 200;
    internal const int MaxVirtualNetworkRules = 100;
    internal const int MaxPrivateEndpoints = 200;

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Warning,
        title: "The registry is at a documented network limit: the next rule or endpoint cannot be added",
        cause: $"A Premium registry takes at most {MaxIpRules} IP network rules, {MaxVirtualNetworkRules} virtual network rules and " +
               $"{MaxPrivateEndpoints} private endpoints. At the limit, adding one more fails (\"Failed to save firewall and virtual network settings\").",
        solution:
        [
            "Merge single addresses into CIDR ranges (one rule for 203.0.113.0/24 instead of many /32s): az acr network-rule list --name <registry>",
            "Remove rules no client needs: az acr network-rule remove --name <registry> --ip-address <ip-or-cidr>",
            "Replace service-endpoint rules with a private endpoint in a shared (peered) VNet: az network private-endpoint create …",
            "Delete private endpoint connections that are rejected or no longer used: az acr private-endpoint-connection delete --registry-name <registry> --name <connection>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-skus",
        symptoms: [Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var counts = new (string What, string Path, int? Count, int Limit)[]
        {
            ("IP rules", "properties.networkRuleSet.ipRules", registry.IpRules.Count, MaxIpRules),
            ("virtual network rules", "properties.networkRuleSet.virtualNetworkRules", registry.VirtualNetworkRules?.Count, MaxVirtualNetworkRules),
            ("private endpoint connections", "properties.privateEndpointConnections", registry.PrivateEndpointConnections.Count, MaxPrivateEndpoints),
        };
        return RuleResult.From(counts.Where(c => c.Count >= c.Limit).Select(c => new Finding
        {
            Subject = $"{registry.Id}#{c.Path}",
            Message = $"{registry.Name} has {c.Count} {c.What}, the documented maximum is {c.Limit}: adding another fails.",
            Evidence = [new EvidenceRef(registry.Id, c.Path, $"{c.Count}", $"fewer than {c.Limit}")],
        }), passReason: "below every documented limit");
    }
}
