using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Service;

/// <summary>
/// What the service rules share: the gate "registry read and network-restricted", the words that say how it is
/// restricted and the evidence pointing at the setting that restricts it.
/// </summary>
internal static class RegistryRestriction
{
    /// <summary>The skip result when the rule cannot run or cannot apply; null when the registry was read and is restricted.</summary>
    public static RuleResult? SkipUnlessRestricted(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        return registry.IsNetworkRestricted ? null : RuleResult.NotApplicable("the registry accepts public traffic from all networks");
    }

    /// <summary>"public network access is Disabled" or "public access is limited to selected networks (defaultAction Deny)".</summary>
    public static string Describe(RegistryView registry) => registry.PublicNetworkAccessDisabled
        ? "public network access is Disabled"
        : "public access is limited to selected networks (defaultAction Deny)";

    public static EvidenceRef Evidence(RegistryView registry) => registry.PublicNetworkAccessDisabled
        ? new EvidenceRef(registry.Id, ArmView.PathOf("publicNetworkAccess"), registry.PublicNetworkAccess)
        : new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleSet.defaultAction"), registry.DefaultAction);

    public static EvidenceRef BypassEvidence(RegistryView registry, string? expected = null) =>
        new(registry.Id, ArmView.PathOf("networkRuleBypassOptions"), registry.NetworkRuleBypassOptions, expected);

    /// <summary>The command that turns the trusted-services bypass on (networkRuleBypassOptions AzureServices).</summary>
    public const string AllowTrustedServices = "az acr update --name <registry> --allow-trusted-services true";

    /// <summary>
    /// The command that lets ACR Tasks bypass the network rules (networkRuleBypassAllowedForTasks; the CLI has no flag for it,
    /// and the api-version must be one that defines it: 2025-11-01, see ApiVersions.RegistryCurrent).
    /// </summary>
    public const string AllowTasksBypass = "az resource update --ids <registry-id> --api-version 2025-11-01 --set properties.networkRuleBypassAllowedForTasks=true";

    /// <summary>A dedicated agent pool (Premium) in a subnet the registry allows: tasks then call from inside the network.</summary>
    public const string CreateAgentPool = "az acr agentpool create --registry <registry> --name <pool> --tier S1 --subnet-id <subnet-id>";

    public static string MoveTaskToPool(string task) => Shell.Command($"az acr task update --registry <registry> --name {task} --agent-pool <pool>");
}
