using System.Net;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Service;

/// <summary>
/// What to tell a user about a caller that <see cref="AzureCallers"/> places in Azure, worded once for the logs, public-access
/// and service rules: an ACR service address is let in by the registry's service settings, never by an IP rule; an address
/// in Azure's wider ranges is allowed only once the user knows it is theirs.
/// </summary>
internal static class AzureCallerAdvice
{
    /// <summary>Why an IP rule cannot admit an ACR service caller.</summary>
    public const string NoIpRule =
        "An IP rule is not the fix: ACR's agents share these addresses with other registries and change them, so the registry's service settings decide.";

    /// <summary>The commands that let an ACR service caller through: its task onto an agent pool, or the tasks bypass; trusted services when off.</summary>
    public static IReadOnlyList<string> ServiceFix(EvidenceView evidence, AzureCaller caller) =>
    [
        RegistryRestriction.CreateAgentPool,
        caller.TaskName is { } task ? RegistryRestriction.MoveTaskToPool(task) : "az acr build --registry <registry> --agent-pool <pool> --image <image> <source-location>",
        .. evidence.NetworkRuleBypassAllowedForTasks == true ? Array.Empty<string>() : [RegistryRestriction.AllowTasksBypass],
        .. evidence.Registry?.TrustedServicesBypassOff == true ? [RegistryRestriction.AllowTrustedServices] : Array.Empty<string>(),
    ];

    /// <summary>Said of an address in Azure's ranges that is not ACR's: it may be the user's own, or a shared hosted agent's (one sentence, no final stop).</summary>
    public static string HostedAddressNote(AzureCaller caller, string address) =>
        $"{address} is in Azure's {caller.Tag} ranges: allow it only if it is one of your own public IPs (a VM's, load balancer's or NAT gateway's); " +
        "a Microsoft-hosted build agent (Azure DevOps, GitHub Actions) shares its address with others and gets another one next run, so run that job on a self-hosted agent in a network the registry allows";

    /// <summary>Check the address is one of the user's public IPs, then allow it.</summary>
    public static IReadOnlyList<string> HostedAddressFix(string address)
    {
        var ip = IPAddress.Parse(address).ToString();
        // A JSON literal in the JMESPath filter: the query is then one single-quoted word, with nothing a shell expands.
        var query = $"[?ipAddress==`\"{ip}\"`].id";
        return
        [
            Shell.Command($"az network public-ip list --query {query} -o tsv"),
            Shell.Command($"az acr network-rule add --name <registry> --ip-address {ip}"),
        ];
    }
}
