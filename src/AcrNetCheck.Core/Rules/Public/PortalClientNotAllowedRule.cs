using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class PortalClientNotAllowedRule : Rule
{
    public new const string Id = "public.portal-client-not-allowed";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Info,
        title: "From this machine the portal and az cannot list repositories or view data-plane settings",
        cause: "Browsing repositories and tags, and the registry's data-plane views in the Azure portal or with az acr repository / az acr manifest, " +
               "are requests from the browser's or shell's own public address to the registry, filtered by its network rules like docker's. " +
               "The registry refused this machine's address, so those views fail here; ARM operations (the Networking blade, az acr update, " +
               "az acr network-rule) go through Azure Resource Manager and still work.",
        solution:
        [
            "Allow the address the registry named: az acr network-rule add --name <registry> --ip-address <your-public-ip>",
            "Or browse from a machine whose address is allowed, or from inside the VNet of a private endpoint",
            "Check what is allowed now: az acr network-rule list --name <registry>",
        ],
        docLink: Descriptors.Pages.SelectedNetworks,
        symptoms: [Symptoms.LoginForbidden]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Probes is not { } probes) return RuleResult.Needs("probes");
        var denied = probes.Endpoints.Where(p => p.Http?.DeniedClientIp is { Length: > 0 }).ToList();
        if (denied.Count == 0) return RuleResult.Pass("no probe from this machine was refused by the registry's firewall");
        // With public access disabled, no IP rule lets anyone in: the views work only from a network that reaches a private endpoint
        // (learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks).
        var publicDisabled = evidence.Registry?.PublicNetworkAccessDisabled == true;
        return RuleResult.From(denied.GroupBy(p => p.Http!.DeniedClientIp!).Select(g => new Finding
        {
            Subject = g.Key,
            Message = $"The registry refused this machine's address {FindingText.Address(g.Key)} ({FindingText.List(g.Select(p => p.Host))} answered 403 naming it): " +
                      $"from here the Azure portal cannot list {evidence.RegistryName}'s repositories or tags, and az acr repository list / az acr manifest fail the same way. " +
                      (publicDisabled
                          ? "Public network access is Disabled, so only a machine whose traffic reaches a private endpoint can use those views; changing the network settings still works, through ARM."
                          : "Changing the network rules still works, through ARM."),
            Evidence = g.Select(p => new EvidenceRef(p.Host, $"probes.endpoints[host={p.Host}].http.deniedClientIp", g.Key)).ToList(),
            Fix = publicDisabled
                ? [Shell.Command($"az acr repository list --name {evidence.RegistryName} --output table") + "   # from a VM in a VNet that reaches the private endpoint"]
                : [Shell.Command($"az acr network-rule add --name {evidence.RegistryName} --ip-address {g.Key}")],
            FixReplacesSolution = publicDisabled,
        }));
    }
}
