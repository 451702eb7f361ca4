using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Service;

internal sealed class TrustedServicesBypassOffRule : Rule
{
    public new const string Id = "service.trusted-services-bypass-off";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Service,
        severity: Severity.Warning,
        title: "Trusted Azure services are blocked by the registry's network rules",
        cause: "The registry is network-restricted and its networkRuleBypassOptions is None, so even trusted Azure services " +
               "(ACR Tasks with a system-assigned identity, Microsoft Defender for Cloud, Azure Machine Learning, image import) are refused.",
        solution:
        [
            "Allow trusted services through the network rules: " + RegistryRestriction.AllowTrustedServices,
            "Check the setting: az acr show --name <registry> --query networkRuleBypassOptions -o tsv (expected AzureServices)",
            "Give the calling service a managed identity with AcrPull or AcrPush on the registry: az role assignment create --assignee <principal-id> --role AcrPull --scope <registry-id>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/allow-access-trusted-services",
        symptoms: [Symptoms.TasksCannotPushOrPull, Symptoms.DefenderCannotScan],
        // An Azure service refused by the network rules is what this restriction looks like in the login events.
        explains: [Logs.AzureServiceDeniedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (RegistryRestriction.SkipUnlessRestricted(evidence) is { } skip) return skip;
        var registry = evidence.Registry!;
        if (!registry.TrustedServicesBypassOff) return RuleResult.Pass("trusted services bypass the network rules (AzureServices)");

        return RuleResult.Fail(new Finding
        {
            Subject = registry.Id,
            Message = $"{registry.Name}: {RegistryRestriction.Describe(registry)} and networkRuleBypassOptions is {registry.NetworkRuleBypassOptions}, " +
                      "expected AzureServices: trusted Azure services such as ACR Tasks, Defender for Cloud and Azure Machine Learning are refused.",
            Evidence = [RegistryRestriction.BypassEvidence(registry, "AzureServices"), RegistryRestriction.Evidence(registry)],
            Fix = [RegistryRestriction.AllowTrustedServices],
        });
    }
}
