using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class PremiumTierRequiredRule : Rule
{
    public new const string Id = "public.premium-tier-required";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Error,
        title: "Network restrictions need the Premium tier",
        cause: "IP network rules, virtual network (service endpoint) rules, disabling public network access, private endpoints and dedicated " +
               "data endpoints are Premium-only features: on a Basic or Standard registry they cannot be saved or changed, and the portal and " +
               "az refuse the change (\"Failed to save firewall and virtual network settings\").",
        solution:
        [
            "Move the registry to Premium (no downtime; billing changes): az acr update --name <registry> --sku Premium",
            "Then configure the restriction again, e.g. az acr update --name <registry> --default-action Deny, or az acr network-rule add --name <registry> --ip-address <ip>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-skus",
        symptoms: [Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (registry.Sku is not { Length: > 0 } sku) return RuleResult.Needs("arm.registry sku.name");
        if (string.Equals(sku, "Premium", StringComparison.OrdinalIgnoreCase)) return RuleResult.NotApplicable("the registry is Premium");

        var features = PremiumFeatures(registry).ToList();
        if (features.Count == 0 && Explain.ReportedError.Reported(evidence.Bundle.Vantage, Explain.SymptomCatalog.NetworkSettingsNotSaved))
            return RuleResult.Fail(new Finding
            {
                Subject = registry.Id,
                Message = $"{registry.Name} is {sku}: the network settings change that failed (the reported error) needs Premium, " +
                          "as IP rules, VNet rules, disabling public access, private endpoints and dedicated data endpoints all do.",
                Evidence = [new EvidenceRef(registry.Id, "sku.name", sku, "Premium"), new EvidenceRef("vantage", "vantage.notes", "Failed to save firewall and virtual network settings")],
                Fix = [Shell.Command($"az acr update --name {registry.Name} --sku Premium")],
            });
        if (features.Count == 0) return RuleResult.Pass($"the {sku} registry uses no Premium-only network feature");
        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{registry.Name} is {sku}, yet has {FindingText.List(features.Select(f => f.Description))}: these need Premium, " +
                      "so network settings on it cannot be saved or changed until the registry is moved to Premium.",
            Evidence = [new EvidenceRef(registry.Id, "sku.name", sku, "Premium"), .. features.Select(f => f.Evidence)],
            Fix = [Shell.Command($"az acr update --name {registry.Name} --sku Premium")],
        });
    }

    private sealed record Feature(string Description, EvidenceRef Evidence);

    private static IEnumerable<Feature> PremiumFeatures(RegistryView registry)
    {
        if (registry.IpRules.Count > 0)
            yield return new($"{registry.IpRules.Count} IP rule(s)", new(registry.Id, "properties.networkRuleSet.ipRules", FindingText.List(registry.IpRules.Select(r => r.Value))));
        if (registry.VirtualNetworkRules is { Count: > 0 } vnetRules)
            yield return new($"{vnetRules.Count} virtual network rule(s)", new(registry.Id, "properties.networkRuleSet.virtualNetworkRules", $"{vnetRules.Count} rule(s)"));
        if (registry.DefaultActionDeny)
            yield return new("public access from selected networks only (defaultAction Deny)", new(registry.Id, "properties.networkRuleSet.defaultAction", registry.DefaultAction, "Allow"));
        if (registry.PublicNetworkAccessDisabled)
            yield return new("public network access disabled", registry.PublicNetworkAccessEvidence());
        if (registry.PrivateEndpointConnections.Count > 0)
            yield return new($"{registry.PrivateEndpointConnections.Count} private endpoint connection(s)",
                new(registry.Id, "properties.privateEndpointConnections", FindingText.List(registry.PrivateEndpointConnections.Select(c => c.Name))));
        if (registry.DataEndpointEnabled)
            yield return new("dedicated data endpoints enabled", new(registry.Id, "properties.dataEndpointEnabled", "true", "false"));
    }
}
