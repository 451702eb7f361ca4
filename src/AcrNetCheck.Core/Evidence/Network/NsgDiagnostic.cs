using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>One NSG Network Watcher weighed for the flow: where it applies, and the rule that matched with its action.</summary>
internal sealed record DiagnosedNsg(string NsgId, string? AppliedTo, string? MatchedRule, string? Action)
{
    private const string UserRulePrefix = "UserRule_", DefaultRulePrefix = "DefaultRule_";

    /// <summary>The diagnostic names rules <c>UserRule_&lt;name&gt;</c> and <c>DefaultRule_&lt;name&gt;</c>; the NSG's own name for it.</summary>
    public string? RuleName => MatchedRule switch
    {
        null => null,
        var name when name.StartsWith(UserRulePrefix, StringComparison.OrdinalIgnoreCase) => name[UserRulePrefix.Length..],
        var name when name.StartsWith(DefaultRulePrefix, StringComparison.OrdinalIgnoreCase) => name[DefaultRulePrefix.Length..],
        var name => name,
    };

    public bool IsDefaultRule => MatchedRule?.StartsWith(DefaultRulePrefix, StringComparison.OrdinalIgnoreCase) == true;

    public bool Denies => string.Equals(Action, "Deny", StringComparison.OrdinalIgnoreCase);

    public bool AppliesToNic => AppliedTo?.Contains("/networkInterfaces/", StringComparison.OrdinalIgnoreCase) == true;

    public string Attachment => AppliedTo is null ? "the NIC (Network Watcher diagnostic)"
        : $"{(AppliesToNic ? "NIC" : AppliedTo.Contains("/subnets/", StringComparison.OrdinalIgnoreCase) ? "subnet" : "resource")} {new ResourceId(AppliedTo).Name} (Network Watcher diagnostic)";
}

/// <summary>
/// Network Watcher's answer to <c>POST {watcherId}/networkConfigurationDiagnostic</c> for one NIC and one destination, as recorded
/// (NetworkConfigurationDiagnosticResponse, azure-rest-api-specs network stable/2024-05-01 example
/// NetworkWatcherNetworkConfigurationDiagnostic.json): <c>results[].networkSecurityGroupResult</c> with the overall
/// <c>securityRuleAccessResult</c> and each <c>evaluatedNetworkSecurityGroups[]</c> entry's <c>appliedTo</c> and <c>matchedRule{ruleName, action}</c>.
/// </summary>
internal sealed class NsgDiagnostic(string key, JObject document)
{
    public string Key { get; } = key;

    public static NsgDiagnostic? Of(EvidenceView evidence, string key) => evidence.RawResource(key) is { } document ? new(key, document) : null;

    private JObject? Result { get; } = (document["results"] as JArray)?.OfType<JObject>().FirstOrDefault();

    /// <summary>"Allow" or "Deny": the verdict over every NSG the flow passes.</summary>
    public string? Access => Result is null ? null : ArmView.Str(Result, "networkSecurityGroupResult.securityRuleAccessResult");

    /// <summary>The NSGs weighed, in the order Azure applies them outbound: the NIC's, then the subnet's.</summary>
    public IReadOnlyList<DiagnosedNsg> Groups => (Result?.SelectToken("networkSecurityGroupResult.evaluatedNetworkSecurityGroups") as JArray ?? []).OfType<JObject>()
        .Select(g => new DiagnosedNsg(ArmView.Str(g, "networkSecurityGroupId") ?? "(unnamed NSG)", ArmView.Str(g, "appliedTo"), ArmView.Str(g, "matchedRule.ruleName"), ArmView.Str(g, "matchedRule.action")))
        .OrderBy(g => g.AppliesToNic ? 0 : 1).ToList();
}
