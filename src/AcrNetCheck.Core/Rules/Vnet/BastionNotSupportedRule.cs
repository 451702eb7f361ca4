using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class BastionNotSupportedRule : Rule
{
    public new const string Id = "vnet.bastion-not-supported";

    /// <summary>The subnet Azure Bastion must be deployed in (learn.microsoft.com/azure/bastion/configuration-settings#subnet).</summary>
    internal const string BastionSubnetName = "AzureBastionSubnet";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Info,
        title: "Azure Bastion is not a way to reach the registry",
        cause: "The article's virtual network guidance: a registry is reached from a VNet through a private endpoint or a service endpoint; " +
               "an Azure Bastion endpoint is not supported. A client on a laptop tunnelling through Bastion (az network bastion tunnel) " +
               "does not get the VNet's DNS or its private endpoint path, so docker there still goes the public way.",
        solution:
        [
            "Connect through Bastion to a VM in the VNet and run docker or az acr login on that VM: az network bastion ssh --name <bastion> --resource-group <resource-group> --target-resource-id <vm-id> --auth-type AAD",
            "For a client outside Azure, reach the private endpoint over VPN or ExpressRoute with DNS forwarding to the VNet, or allow its public IP: az acr network-rule add --name <registry> --ip-address <ip>",
        ],
        docLink: Descriptors.Pages.PrivateLink,
        symptoms: []);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var vnetIds = VirtualNetworksInPlay(evidence).ToList();
        if (vnetIds.Count == 0) return RuleResult.NotApplicable("no private endpoint or client subnet places the registry's path in a virtual network");
        var vnets = vnetIds.Select(evidence.Resource<VirtualNetworkView>).OfType<VirtualNetworkView>().ToList();
        if (vnets.Count == 0) return RuleResult.Skip(evidence.MissingReason(vnetIds[0], $"arm.resources[{vnetIds[0]}]"));

        return RuleResult.From(vnets.Select(vnet => (Vnet: vnet, Bastion: vnet.SubnetIds.FirstOrDefault(IsBastionSubnet))).Where(v => v.Bastion is not null).Select(v => new Finding
        {
            Subject = v.Bastion!,
            Message = $"Virtual network {v.Vnet.Name} hosts Azure Bastion ({BastionSubnetName}): Bastion is not a supported way to reach {registry.Name}. " +
                      "Run docker on a VM in the VNet (reached through Bastion if you like), not on a client tunnelling through Bastion.",
            Evidence = [new EvidenceRef(v.Vnet.Id, "properties.subnets[].id", v.Bastion)],
        }), passReason: "no Azure Bastion in the virtual networks on the registry's path");
    }

    private static bool IsBastionSubnet(string subnetId) =>
        new ResourceId(subnetId).Name.Equals(BastionSubnetName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The VNets of the client's subnets and of the registry's private endpoints.</summary>
    private static IEnumerable<string> VirtualNetworksInPlay(EvidenceView evidence) =>
        evidence.SourceSubnetIds.Concat(evidence.PrivateEndpoints.Select(pe => pe.SubnetId).OfType<string>())
            .Select(subnet => new ResourceId(subnet).Parent).OfType<string>().Distinct(ResourceId.Comparer!);
}
