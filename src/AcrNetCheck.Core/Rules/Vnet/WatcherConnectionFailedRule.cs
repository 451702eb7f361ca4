using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>Network Watcher's connectivity check, run on the client VM, could not connect to a registry endpoint on 443.</summary>
internal sealed class WatcherConnectionFailedRule : Rule
{
    public new const string Id = "vnet.watcher-connection-failed";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "Network Watcher's connectivity check from the client VM cannot reach a registry endpoint",
        cause: "Network Watcher resolved and connected to the login server or a data endpoint on TCP 443 from the client VM itself, " +
               "hop by hop, and the connection failed; the hop that reports an issue (a security rule, a route, DNS) is where it stops.",
        solution:
        [
            "Repeat the check: az network watcher test-connectivity --source-resource <vm-id> --dest-address <host> --dest-port 443 --protocol Tcp",
            "The check needs the Network Watcher agent on the VM: az vm extension set -g <resource-group> --vm-name <vm> --name NetworkWatcherAgentLinux --publisher Microsoft.Azure.NetworkWatcher",
            "Fix what the failing hop names: an NSG rule, a route, or the DNS answer (see the other findings)",
        ],
        docLink: "https://learn.microsoft.com/azure/network-watcher/connection-troubleshoot-overview",
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (WatcherFacts.Precondition(evidence, out var client, out var watcher) is { } cannot) return cannot;
        var agent = Shell.Command($"az vm extension set -g {client.VmResourceGroup} --vm-name {client.VmName} --name NetworkWatcherAgentLinux --publisher Microsoft.Azure.NetworkWatcher");
        return WatcherFacts.Judge(evidence,
            NetworkWatcherChecks.Hosts(evidence).Select(host => (NetworkWatcherChecks.Key(watcher, NetworkWatcherChecks.ConnectivityCheck, host), host)),
            (key, host, answer) => !string.Equals(ArmView.Str(answer, "connectionStatus"), "Disconnected", StringComparison.OrdinalIgnoreCase) ? null : new Finding
            {
                Subject = key,
                Message = $"Network Watcher's connectivity check from VM {client.VmName} to {host}:443 is Disconnected " +
                          $"({ArmView.Str(answer, "probesFailed") ?? "?"} of {ArmView.Str(answer, "probesSent") ?? "?"} probes failed){FailingHop(answer)}.",
                Evidence = [new EvidenceRef(key, "connectionStatus", "Disconnected", "Connected")],
                Fix = [Shell.Command($"az network watcher test-connectivity --source-resource {client.VmId} --dest-address {host} --dest-port 443 --protocol Tcp")],
            },
            // A check that could not run at all is most often the missing agent: say how to install it.
            reason => reason with { Detail = $"{reason.Detail}; connectivityCheck needs the Network Watcher agent on the VM: {agent}" });
    }

    /// <summary>"; hop VirtualAppliance 10.0.1.4 reports NetworkSecurityRule (Outbound, Error)": the first hop with an issue.</summary>
    private static string FailingHop(JObject answer)
    {
        foreach (var hop in (answer["hops"] as JArray ?? []).OfType<JObject>())
            if ((hop["issues"] as JArray)?.OfType<JObject>().FirstOrDefault() is { } issue)
                return $"; hop {ArmView.Str(hop, "type")} {ArmView.Str(hop, "address")} reports {ArmView.Str(issue, "type")} ({ArmView.Str(issue, "origin")}, {ArmView.Str(issue, "severity")})";
        return "";
    }
}
