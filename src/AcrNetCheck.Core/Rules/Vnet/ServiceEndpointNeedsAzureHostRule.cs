using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class ServiceEndpointNeedsAzureHostRule : Rule
{
    public new const string Id = "vnet.service-endpoint-needs-azure-host";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Warning,
        title: "This client is outside Azure: the registry's VNet rules cannot admit it",
        cause: "A virtual network (service endpoint) rule admits only traffic from an Azure VM or an AKS cluster in the subnet it names: " +
               "the service endpoint on that subnet carries the subnet's identity to the registry. A machine outside Azure (a laptop, an " +
               "on-premises build agent, Cloud Shell) comes from a public address, which only the IP rules can admit.",
        solution:
        [
            "Run the client on a VM or AKS node in a subnet a VNet rule names: az acr network-rule list --name <registry>",
            "Or allow this machine's public address: az acr network-rule add --name <registry> --ip-address <your-public-ip>",
            "Or reach the registry through a private endpoint over VPN or ExpressRoute (service endpoints are the legacy option)",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-vnet#preview-limitations",
        symptoms: [Symptoms.LoginForbidden]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (registry.VirtualNetworkRules is not { } vnetRules) return RuleResult.Needs("arm.registry properties.networkRuleSet.virtualNetworkRules");
        if (vnetRules.Count == 0) return RuleResult.NotApplicable("the registry has no virtual network rule");
        if (registry.PublicNetworkAccessDisabled) return RuleResult.NotApplicable("public network access is Disabled: no VNet rule admits anyone");
        if (!registry.DefaultActionDeny) return RuleResult.NotApplicable("networkRuleSet.defaultAction is Allow: every public address may connect");
        if (evidence.Bundle.Vantage is not { } vantage || evidence.Bundle.Probes is null) return RuleResult.Needs("probes from the client (vantage)");
        if (vantage.Kind is not (VantageKind.Local or VantageKind.CloudShell) || vantage.SubnetId is not null)
            return RuleResult.NotApplicable($"the client is an Azure host ({vantage.Kind})");
        // The address the registry sees: the vantage's, else the one its 403 named.
        var publicIp = vantage.PublicIp is { Length: > 0 } own ? own
            : evidence.Bundle.Probes.Endpoints.Select(p => p.Http?.DeniedClientIp).FirstOrDefault(d => d is { Length: > 0 });
        if (publicIp is { } ip && registry.IpRules.RuleAllowing(ip) is { } allowing)
            return RuleResult.Pass($"this machine's public address {ip} is allowed by the IP rule {allowing.Value}");

        var where = vantage.Kind == VantageKind.CloudShell ? "Azure Cloud Shell (its container is not in your VNet)" : "a machine outside Azure";
        return RuleResult.Fail(new Finding
        {
            Subject = vantage.Hostname ?? publicIp ?? "vantage",
            Message = $"This client is {where}, and {registry.Name} admits selected networks through {vnetRules.Count} VNet rule(s) " +
                      $"({FindingText.List(vnetRules.Select(r => new ResourceId(r.SubnetId).Name))}): those admit only VMs and AKS nodes in the named subnets, " +
                      (publicIp is { } known ? $"and no IP rule covers this machine's address {known}." : "and this machine can be admitted only by an IP rule for its public address."),
            Evidence =
            [
                new EvidenceRef("vantage", "vantage.kind", vantage.Kind, $"{VantageKind.AzureVm} or {VantageKind.AksNode} in a subnet a VNet rule names"),
                new EvidenceRef(registry.Id, "properties.networkRuleSet.virtualNetworkRules[].id", FindingText.List(vnetRules.Select(r => r.SubnetId))),
            ],
            Fix = publicIp is { } address ? [Shell.Command($"az acr network-rule add --name {registry.Name} --ip-address {address}")] : [],
        });
    }
}
