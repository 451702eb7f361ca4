using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class ProviderNotRegisteredRule : Rule
{
    public new const string Id = "vnet.provider-not-registered";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "Microsoft.ContainerRegistry is not registered in a virtual network's subscription",
        cause: "A subnet that reaches the registry through a service endpoint lives in a subscription where the Microsoft.ContainerRegistry " +
               "resource provider is not registered; a service endpoint to the registry from another subscription needs the provider registered there.",
        solution:
        [
            "Register the provider in the virtual network's subscription: az provider register --namespace Microsoft.ContainerRegistry --subscription <subscription-id>",
            "Wait until it reads Registered: az provider show --namespace Microsoft.ContainerRegistry --subscription <subscription-id> --query registrationState",
            "Then add the service endpoint and the network rule again: az acr network-rule add --name <registry> --subnet <subnet-id>",
        ],
        docLink: Descriptors.Pages.ServiceEndpoints,
        symptoms: [Symptoms.FailedToSaveNetworkSettings, Symptoms.LoginForbidden],
        explains: [ServiceEndpointRuleMissingRule.Id, SubnetMissingServiceEndpointRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var rules = evidence.Registry?.VirtualNetworkRules;
        var subnetsBySubscription = SubnetsInUse(evidence, rules)
            .Where(s => new ResourceId(s).SubscriptionId is not null)
            .GroupBy(s => new ResourceId(s).SubscriptionId!, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (subnetsBySubscription.Count == 0)
        {
            if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
            if (rules is null) return RuleResult.Skip(ServiceEndpointRuleMissingRule.VirtualNetworkRulesNeeded);
            return RuleResult.NotApplicable("no subnet reaches the registry through a service endpoint");
        }

        var findings = new List<Finding>();
        var unread = new List<string>();
        foreach (var group in subnetsBySubscription)
        {
            var providerId = ArmPaths.Provider(group.Key);
            if (evidence.Resource<ProviderView>(providerId) is not { } provider) { unread.Add(providerId); continue; }
            if (provider.IsRegistered) continue;
            findings.Add(new Finding
            {
                Subject = providerId,
                Message = $"Microsoft.ContainerRegistry is {provider.RegistrationState ?? "not registered"} in subscription {group.Key}, where " +
                          $"{Subnets(group.Select(s => new ResourceId(s).Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList())} " +
                          "the registry through a service endpoint; expected Registered.",
                Evidence = [new EvidenceRef(providerId, "registrationState", provider.RegistrationState, "Registered")],
                Fix = [Shell.Command($"az provider register --namespace Microsoft.ContainerRegistry --subscription {group.Key}")],
            });
        }

        if (unread.Count == subnetsBySubscription.Count) return RuleResult.Skip(evidence.MissingReason(unread[0], $"arm.resources[{unread[0]}]"));
        return RuleResult.From(findings, unread.Count == 0 ? null : $"providers not read, so not checked: {FindingText.List(unread)}");
    }

    private static string Subnets(IReadOnlyList<string> names) =>
        names.Count == 1 ? $"subnet {names[0]} reaches" : $"subnets {FindingText.List(names)} reach";

    /// <summary>Subnets of the registry's virtual network rules, and each source subnet that has the service endpoint.</summary>
    private static IEnumerable<string> SubnetsInUse(EvidenceView evidence, IReadOnlyList<VirtualNetworkRule>? rules)
    {
        foreach (var rule in rules ?? []) yield return rule.SubnetId;
        foreach (var source in evidence.SourceSubnetIds.Select(evidence.Resource<SubnetView>))
            if (source is { HasContainerRegistryServiceEndpoint: true }) yield return source.Id;
    }
}
