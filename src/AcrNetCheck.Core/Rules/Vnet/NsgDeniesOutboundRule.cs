using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class NsgDeniesOutboundRule : Rule
{
    public new const string Id = "vnet.nsg-denies-outbound";

    // Custom NSG rules take priorities 100 to 4096 (learn.microsoft.com/azure/virtual-network/network-security-groups-overview).
    private const int LowestCustomPriority = 100;
    private const int HighestCustomPriority = 4096;

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A network security group denies outbound HTTPS to the registry",
        cause: "An outbound rule of the network security group on the client's subnet or NIC matches TCP 443 to the registry's addresses " +
               "with Deny before any rule allows it, so connections from the subnet to the registry are dropped.",
        solution:
        [
            "List the rules in effect on the client: az network nic list-effective-nsg --ids <nic-id> -o table",
            "Add an outbound allow rule with a lower priority number than the denying rule: az network nsg rule create -g <nsg-resource-group> " +
            "--nsg-name <nsg> -n AllowAcrOutbound --priority <n> --direction Outbound --access Allow --protocol Tcp --destination-port-ranges 443 " +
            "--destination-address-prefixes AzureContainerRegistry (with private endpoints: the private endpoint subnet's prefix instead)",
            "Without dedicated data endpoints, layers download from the registry's storage (*.blob.core.windows.net): allow the Storage service tag the same way",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules#allow-access-by-service-tag",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.HostNotReachable],
        explains: [TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence) => SourceSubnets.EvaluateEach(evidence, subnetId => EvaluateSubnet(evidence, subnetId));

    /// <summary>Maps the NSG hop's verdict for each intended target of the subnet's traffic: a deny names the NSG rule.</summary>
    private static RuleResult EvaluateSubnet(EvidenceView evidence, string subnetId)
    {
        if (IntendedVerdicts<NsgStep>.For(evidence, subnetId, (subnet, target) => NsgHop.Evaluate(evidence, subnet, target), out var skip) is not { } judged) return skip!;

        var denials = judged.Verdicts.Where(v => v.Hop.RuleId == Id)
            .GroupBy(v => v.Hop.Matches[^1] with { Decision = "" })
            .Select(g => ToFinding(evidence, g.Key, g.Select(v => v.Target).ToList(), g.First().Hop.SourceLabel!))
            .ToList();
        if (denials.Count > 0) return RuleResult.From(denials);
        if (judged.Undecided is { } undecided) return RuleResult.Skip(undecided);
        return judged.Verdicts.All(v => v.Hop.Matches.Count == 0)
            ? RuleResult.Pass("no network security group filters the client subnet")
            : RuleResult.Pass();
    }

    private static Finding ToFinding(EvidenceView evidence, NsgMatch denying, IReadOnlyList<IntendedTarget> targets, string source)
    {
        var collection = denying.IsDefaultRule ? "defaultSecurityRules" : "securityRules";
        var nsgName = new ResourceId(denying.NsgId).Name;
        var shown = FindingText.List(targets.Select(t => t.Target.Address is { } ip ? $"{FindingText.Address(ip)} [{t.Serves}]" : t.Serves));
        var prefixes = Shell.Words(targets.All(t => t.Target.IsPrivate) ? targets.Select(t => t.Target.Address) : [ServiceTagMatcher.ContainerRegistry]);
        var nsg = evidence.Resource<NetworkSecurityGroupView>(denying.NsgId);
        return new Finding
        {
            Subject = $"{denying.NsgId}/{collection}/{denying.RuleName}",
            // Network Watcher's diagnostic names the rule without its priority.
            Message = $"NSG {nsgName} on {denying.Attachment}: {(denying.IsDefaultRule ? "default rule" : "rule")} {denying.RuleName} ({(denying.Priority is { } priority ? $"priority {priority}, " : "")}Deny) " +
                      $"is the first outbound rule matching TCP 443 from {source} to {shown}; expected an Allow rule to match first.",
            Evidence = [new EvidenceRef(denying.NsgId, $"properties.{collection}[name={denying.RuleName}].properties.access", denying.Access, "Allow")],
            Fix =
            [
                Shell.Command($"az network nsg rule create -g {new ResourceId(denying.NsgId).ResourceGroup} --nsg-name {nsgName} -n AllowAcrOutbound ") +
                Shell.Command($"--priority {(nsg is not null && denying.Priority is { } p ? FreePriorityBelow(nsg, p)?.ToString() : null) ?? "<n>"} --direction Outbound --access Allow --protocol Tcp ") +
                Shell.Command($"--destination-port-ranges 443 --destination-address-prefixes {prefixes}"),
            ],
        };
    }

    /// <summary>The highest unused custom priority that still comes before <paramref name="denying"/>, if any.</summary>
    private static int? FreePriorityBelow(NetworkSecurityGroupView nsg, int denying)
    {
        var used = nsg.SecurityRules.Select(r => r.Priority).ToHashSet();
        for (var priority = Math.Min(denying, HighestCustomPriority + 1) - 1; priority >= LowestCustomPriority; priority--)
            if (!used.Contains(priority)) return priority;
        return null;
    }
}
