using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateEndpointSubnetFullRule : Rule
{
    public new const string Id = "vnet.private-endpoint-subnet-full";

    // Azure reserves the first four and the last address of every subnet range.
    // Source: https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq
    private const int ReservedPerRange = 5;

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Warning,
        title: "A private endpoint subnet has no room for another replica",
        cause: "Each geo-replica adds a data endpoint, and every private endpoint of the registry takes one more address for it in its subnet. " +
               "The subnet has fewer free addresses than the registry has private endpoints there, so adding a replica fails and is rolled back.",
        solution:
        [
            "Free addresses in the subnet (remove unused NICs or private endpoints): az network vnet subnet show -g <vnet-resource-group> " +
                "--vnet-name <vnet> -n <subnet> --query 'ipConfigurations[].id' -o tsv",
            "Or create a larger subnet: az network vnet subnet create -g <vnet-resource-group> --vnet-name <vnet> -n <new-subnet> --address-prefixes <cidr>",
            "Move the registry's endpoint there: az network private-endpoint create -g <pe-resource-group> -n <pe> --vnet-name <vnet> --subnet <new-subnet> " +
                "--private-connection-resource-id <registry-id> --group-id registry --connection-name <connection-name>, then delete the old endpoint",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
        symptoms: [Symptoms.FailedToSaveNetworkSettings]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (PrivateDnsFacts.RequireApprovedPrivateEndpoint(evidence) is { } unavailable) return unavailable;

        var missing = PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence)
            .Where(id => evidence.Resource<PrivateEndpointView>(id)?.SubnetId is null)
            .Select(id => evidence.MissingReason(id, PrivateDnsFacts.ResourcePath(id))).ToList();
        var findings = new List<Finding>();
        foreach (var group in PrivateDnsFacts.ApprovedPrivateEndpoints(evidence).Where(pe => pe.SubnetId is not null)
                     .GroupBy(pe => pe.SubnetId!, ResourceId.Comparer))
        {
            var subnet = evidence.Resource<SubnetView>(group.Key);
            if (subnet?.UsedAddressCount is not { } used)
            {
                missing.Add(evidence.MissingReason(group.Key, PrivateDnsFacts.ResourcePath(group.Key) + (subnet is null ? "" : ".properties.ipConfigurations")));
                continue;
            }
            var ranges = subnet.AddressPrefixes.Select(p => IpPrefix.TryParse(p, out var prefix) ? prefix : (IpPrefix?)null)
                .OfType<IpPrefix>().Where(p => p.IsIPv4).ToList();
            if (ranges.Count == 0)
            {
                missing.Add(SkipReason.Needs($"{PrivateDnsFacts.ResourcePath(group.Key)}.properties.addressPrefix"));
                continue;
            }

            var usable = ranges.Sum(r => r.Size - ReservedPerRange);
            var free = usable - used;
            var endpoints = group.Count();
            if (free >= endpoints) continue;
            findings.Add(new Finding
            {
                Subject = group.Key,
                Message = $"Subnet {subnet.Name} ({FindingText.List(ranges.Select(r => r.ToString()))}) has {Math.Max(free, 0)} free address(es) " +
                          $"({usable} usable after Azure's {ReservedPerRange} reserved per range, {used} in use), but the registry's {endpoints} private " +
                          $"endpoint(s) in it ({FindingText.List(group.Select(pe => pe.Name))}) need {endpoints} more to add a replica.",
                Evidence = [new EvidenceRef(group.Key, "properties.ipConfigurations", $"{used} in use of {usable} usable", $"at most {usable - endpoints} in use")],
                Fix = [Shell.Command($"az network vnet subnet show --ids {group.Key} --query 'ipConfigurations[].id' -o tsv")],
            });
        }
        return PrivateDnsFacts.Conclude(findings, missing);
    }
}
