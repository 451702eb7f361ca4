using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>The effective rules of one NSG association of a NIC, shaped as an NSG document so <see cref="NsgEvaluator"/> weighs them.</summary>
internal sealed record EffectiveSecurityGroup(string NsgId, string Attachment, NetworkSecurityGroupView Rules);

/// <summary>
/// The effective security rules of a NIC (<c>POST …/effectiveNetworkSecurityGroups</c>) as ARM returned them: one group per
/// association (the NIC's NSG, the subnet's), each with its <c>effectiveSecurityRules</c>, default rules included, service tags
/// already expanded into <c>expanded…AddressPrefix</c> lists and ports written as ranges ("443-443").
/// </summary>
internal sealed class EffectiveSecurityGroups(string path, JObject document)
{
    public string Path { get; } = path;

    public static EffectiveSecurityGroups? Of(EvidenceView evidence, string nicId) =>
        evidence.RawResource(ArmPaths.EffectiveNetworkSecurityGroups(nicId)) is { } document ? new(ArmPaths.EffectiveNetworkSecurityGroups(nicId), document) : null;

    /// <summary>Outbound, Azure applies the NIC's NSG before the subnet's: the groups in that order.</summary>
    public IReadOnlyList<EffectiveSecurityGroup> Groups { get; } = (document["value"] as JArray ?? []).OfType<JObject>()
        .Select(group => (group, nicFirst: group.SelectToken("association.networkInterface.id") is null ? 1 : 0))
        .OrderBy(g => g.nicFirst)
        .Select(g => ToGroup(g.group)).ToList();

    private static EffectiveSecurityGroup ToGroup(JObject group)
    {
        var nsgId = ArmView.Str(group, "networkSecurityGroup.id") ?? "(unnamed NSG)";
        var attachment = ArmView.Str(group, "association.networkInterface.id") is { } nic ? $"NIC {new ResourceId(nic).Name} (effective rules)"
            : ArmView.Str(group, "association.subnet.id") is { } subnet ? $"subnet {new ResourceId(subnet).Name} (effective rules)"
            : "the NIC (effective rules)";
        var rules = (group["effectiveSecurityRules"] as JArray ?? []).OfType<JObject>().ToList();
        bool IsDefault(JObject rule) => (ArmView.Str(rule, "name") ?? "").StartsWith("defaultSecurityRules/", StringComparison.OrdinalIgnoreCase);
        var document = new JObject
        {
            ["id"] = nsgId,
            ["name"] = new ResourceId(nsgId).Name,
            ["properties"] = new JObject
            {
                ["securityRules"] = new JArray(rules.Where(r => !IsDefault(r)).Select(AsSecurityRule)),
                ["defaultSecurityRules"] = new JArray(rules.Where(IsDefault).Select(AsSecurityRule)),
            },
        };
        return new EffectiveSecurityGroup(nsgId, attachment, new NetworkSecurityGroupView(document));
    }

    /// <summary>
    /// An effective rule in the NSG rule shape. A side keeps its tag and the prefixes Azure expanded it to: the prefixes decide
    /// for an address, the tag for a destination known only by its tag (the bundle lacks the tag's prefixes).
    /// </summary>
    private static JObject AsSecurityRule(JObject rule)
    {
        var name = ArmView.Str(rule, "name") ?? "";
        return new JObject
        {
            ["name"] = name[(name.IndexOf('/') + 1)..],
            ["properties"] = new JObject
            {
                ["access"] = ArmView.Str(rule, "access"),
                ["direction"] = ArmView.Str(rule, "direction"),
                ["priority"] = rule["priority"]?.DeepClone(),
                ["protocol"] = ArmView.Str(rule, "protocol"),
                ["sourceAddressPrefixes"] = Side(rule, "source"),
                ["destinationAddressPrefixes"] = Side(rule, "destination"),
                ["destinationPortRanges"] = new JArray(OneOrMany(rule, "destinationPortRange", "destinationPortRanges")),
            },
        };
    }

    private static JArray Side(JObject rule, string side)
    {
        var expanded = OneOrMany(rule, $"expanded{char.ToUpperInvariant(side[0])}{side[1..]}AddressPrefix", "");
        return new JArray(OneOrMany(rule, $"{side}AddressPrefix", $"{side}AddressPrefixes").Concat(expanded).Distinct(StringComparer.OrdinalIgnoreCase));
    }

    private static IReadOnlyList<string> OneOrMany(JObject rule, string single, string plural)
    {
        var values = new List<string>();
        foreach (var key in new[] { single, plural }.Where(k => k.Length > 0))
            switch (rule[key])
            {
                case JArray array: values.AddRange(array.Select(t => t.ToString()).Where(s => s.Length > 0)); break;
                case JValue { Type: JTokenType.String } one when one.ToString().Length > 0: values.Add(one.ToString()); break;
            }
        return values.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
