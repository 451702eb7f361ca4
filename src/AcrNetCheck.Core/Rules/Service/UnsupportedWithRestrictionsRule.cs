using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Service;

internal sealed class UnsupportedWithRestrictionsRule : Rule
{
    public new const string Id = "service.unsupported-with-restrictions";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Service,
        severity: Severity.Info,
        title: "Some Azure services cannot reach a network-restricted registry",
        cause: "With public access disabled or limited to selected networks, Azure services that call from their own shared addresses " +
               "(App Service, Azure Container Instances, Azure DevOps Microsoft-hosted agents, Defender for Cloud scanning) are refused; " +
               "since January 2021 the trusted-services bypass lets only the trusted ones through.",
        solution:
        [
            "Check how the registry is restricted: az acr show --name <registry> --query \"{publicNetworkAccess:publicNetworkAccess, defaultAction:networkRuleSet.defaultAction, bypass:networkRuleBypassOptions}\"",
            "Let trusted services (Defender for Cloud, ACR Tasks, Azure Machine Learning, Container Instances with a managed identity) through: " + RegistryRestriction.AllowTrustedServices,
            "Run other callers from an allowed network: Azure DevOps self-hosted agents or App Service with virtual network integration in a VNet that reaches the registry's private endpoint",
            "Or allow a caller's fixed public egress address: az acr network-rule add --name <registry> --ip-address <public-ip>",
        ],
        docLink: Descriptors.Pages.TrustedServices,
        symptoms: [Symptoms.DefenderCannotScan, Symptoms.TasksCannotPushOrPull],
        // An Azure service refused by the network rules is what this restriction looks like in the login events.
        explains: [Logs.AzureServiceDeniedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (RegistryRestriction.SkipUnlessRestricted(evidence) is { } skip) return skip;
        var registry = evidence.Registry!;

        var reach = registry.TrustedServicesBypassOff
            ? "The trusted-services bypass is off (networkRuleBypassOptions None): no Azure service gets through, so Defender for Cloud " +
              "cannot scan its images and ACR Tasks, Azure Machine Learning, Container Instances, App Service and Azure DevOps " +
              "Microsoft-hosted agents reach it only from an allowed network."
            : "The trusted-services bypass is on (AzureServices): Defender for Cloud, ACR Tasks, Azure Machine Learning and Container " +
              "Instances with a managed identity get through, but App Service, Container Instances without a managed identity and " +
              "Azure DevOps Microsoft-hosted agents reach it only from an allowed network.";

        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{registry.Name}: {RegistryRestriction.Describe(registry)}. {reach}",
            Evidence = [RegistryRestriction.Evidence(registry), RegistryRestriction.BypassEvidence(registry)],
            Fix = registry.TrustedServicesBypassOff ? [RegistryRestriction.AllowTrustedServices] : [],
        });
    }
}
