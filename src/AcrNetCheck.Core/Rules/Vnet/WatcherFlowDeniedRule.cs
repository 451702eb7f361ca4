using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>Network Watcher's IP flow verify, run from the client VM, says an NSG rule denies TCP 443 to a registry address.</summary>
internal sealed class WatcherFlowDeniedRule : Rule
{
    public new const string Id = "vnet.watcher-flow-denied";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "Network Watcher's IP flow verify says a security rule denies HTTPS to the registry",
        cause: "Network Watcher evaluated TCP 443 from the client VM's NIC to a registry address against every security rule Azure " +
               "applies there (NIC and subnet NSGs, admin rules) and found a rule that denies it.",
        solution:
        [
            "See which NSG holds the rule: az network nic list-effective-nsg --ids <nic-id> -o table",
            "Allow HTTPS to the registry before that rule: az network nsg rule create -g <resource-group> --nsg-name <nsg> -n AllowAcrOutbound --priority <n> " +
            "--direction Outbound --access Allow --protocol Tcp --destination-port-ranges 443 --destination-address-prefixes AzureContainerRegistry",
            "Check again: az network watcher test-ip-flow --vm <vm-id> --direction Outbound --protocol TCP --local <vm-ip>:60000 --remote <registry-ip>:443",
        ],
        docLink: "https://learn.microsoft.com/azure/network-watcher/ip-flow-verify-overview",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (WatcherFacts.Precondition(evidence, out var client, out var watcher) is { } cannot) return cannot;
        var serves = NetworkWatcherChecks.Addresses(evidence).ToDictionary(a => a.Address, a => a.Serves);
        return WatcherFacts.Judge(evidence,
            serves.Keys.Select(address => (NetworkWatcherChecks.Key(watcher, NetworkWatcherChecks.IpFlowVerify, address), address)),
            (key, address, answer) => !string.Equals(Evidence.Arm.ArmView.Str(answer, "access"), "Deny", StringComparison.OrdinalIgnoreCase) ? null : new Finding
            {
                Subject = key,
                Message = $"Network Watcher's IP flow verify from VM {client.VmName} ({client.Address}): TCP 443 to {FindingText.Address(address)} [{serves[address]}] " +
                          $"is denied by {Evidence.Arm.ArmView.Str(answer, "ruleName") ?? "a security rule"}; expected Allow.",
                Evidence =
                [
                    new EvidenceRef(key, "access", "Deny", "Allow"),
                    new EvidenceRef(key, "ruleName", Evidence.Arm.ArmView.Str(answer, "ruleName")),
                ],
                Fix = [Shell.Command($"az network nic list-effective-nsg --ids {client.NicId} -o table")],
            });
    }
}
