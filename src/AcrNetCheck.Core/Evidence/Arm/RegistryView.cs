using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>Microsoft.ContainerRegistry/registries.</summary>
public sealed class RegistryView(JObject document) : ArmView(document)
{
    /// <summary>
    /// The first field the rules read whose JSON type is not what ARM returns (<c>properties: null</c>, <c>networkRuleSet: []</c>,
    /// <c>defaultAction: ["Deny"]</c>), or null. A registry document shaped otherwise is unknown, never read with defaults.
    /// </summary>
    public static string? ShapeProblem(JObject document)
    {
        if (document["properties"] is not JObject properties) return $"properties is {Describe(document["properties"])}, expected an object";
        foreach (var (path, type) in ExpectedShapes)
        {
            var token = properties.SelectToken(path);
            // Null is how some api-versions say "not set": the documented default applies, as when the field is absent.
            if (token is null || token.Type == JTokenType.Null) continue;
            if (token.Type != type) return $"properties.{path} is {Describe(token)}, expected {(type == JTokenType.Object ? "an object" : type == JTokenType.Array ? "an array" : $"a {type.ToString().ToLowerInvariant()}")}";
        }
        return null;
    }

    private static readonly (string Path, JTokenType Type)[] ExpectedShapes =
    [
        ("publicNetworkAccess", JTokenType.String), ("networkRuleSet", JTokenType.Object), ("networkRuleSet.defaultAction", JTokenType.String),
        ("networkRuleSet.ipRules", JTokenType.Array), ("networkRuleSet.virtualNetworkRules", JTokenType.Array),
        ("networkRuleBypassOptions", JTokenType.String), ("privateEndpointConnections", JTokenType.Array),
        ("dataEndpointEnabled", JTokenType.Boolean), ("loginServer", JTokenType.String),
    ];

    private static string Describe(JToken? token) => token switch
    {
        null => "absent",
        { Type: JTokenType.Null } => "null",
        { Type: JTokenType.Array } => "an array",
        { Type: JTokenType.Object } => "an object",
        _ => $"a {token.Type.ToString().ToLowerInvariant()}",
    };

    public string? Sku => Str(Document, "sku.name");
    public string? LoginServer => Prop("loginServer");

    /// <summary>Enabled or Disabled; absent on old api-versions, where it means Enabled.</summary>
    public string PublicNetworkAccess => Prop("publicNetworkAccess") ?? "Enabled";
    public bool PublicNetworkAccessDisabled => string.Equals(PublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase);

    public string DefaultAction => Prop("networkRuleSet.defaultAction") ?? "Allow";
    public bool DefaultActionDeny => string.Equals(DefaultAction, "Deny", StringComparison.OrdinalIgnoreCase);

    /// <summary>Public access is limited: disabled outright, or allowed only from selected networks.</summary>
    public bool IsNetworkRestricted => PublicNetworkAccessDisabled || DefaultActionDeny;

    public IReadOnlyList<IpRule> IpRules =>
        PropArray("networkRuleSet.ipRules").Select(r => new IpRule(Str(r, "value") ?? "", Str(r, "action") ?? "Allow")).ToList();

    /// <summary>Null when ARM did not return the key: newer api-versions hide service-endpoint rules, so null means unknown, not none.</summary>
    public IReadOnlyList<VirtualNetworkRule>? VirtualNetworkRules =>
        Properties?.SelectToken("networkRuleSet.virtualNetworkRules") is JArray a
            ? a.OfType<JObject>().Select(r => new VirtualNetworkRule(Str(r, "id") ?? "", Str(r, "action") ?? "Allow")).ToList()
            : null;

    /// <summary>Whether a virtual network rule allows the subnet; null when the rules were not returned (see <see cref="VirtualNetworkRules"/>).</summary>
    public bool? AllowsSubnet(string subnetId) => VirtualNetworkRules?.Any(r => ResourceId.AreEqual(r.SubnetId, subnetId));

    /// <summary>AzureServices or None.</summary>
    public string NetworkRuleBypassOptions => Prop("networkRuleBypassOptions") ?? "AzureServices";
    public bool TrustedServicesBypassOff => string.Equals(NetworkRuleBypassOptions, "None", StringComparison.OrdinalIgnoreCase);
    public bool? NetworkRuleBypassAllowedForTasks => PropBool("networkRuleBypassAllowedForTasks");

    public bool DataEndpointEnabled => PropBool("dataEndpointEnabled") ?? false;
    public IReadOnlyList<string> DataEndpointHostNames => PropStrings("dataEndpointHostNames");
    public bool RegionalEndpointsEnabled => string.Equals(Prop("regionalEndpoints"), "Enabled", StringComparison.OrdinalIgnoreCase);
    public IReadOnlyList<string> RegionalEndpointHostNames => PropStrings("regionalEndpointHostNames");

    public IReadOnlyList<PrivateEndpointConnection> PrivateEndpointConnections =>
        PropArray("privateEndpointConnections").Select(PrivateEndpointConnection.From).ToList();
}

public sealed record IpRule(string Value, string Action);

public sealed record VirtualNetworkRule(string SubnetId, string Action);

/// <summary>A registry's view of one private endpoint (Microsoft.ContainerRegistry/registries/privateEndpointConnections).</summary>
public sealed record PrivateEndpointConnection(string Id, string Name, string? PrivateEndpointId, string Status, string? Description)
{
    public bool IsApproved => string.Equals(Status, "Approved", StringComparison.OrdinalIgnoreCase);

    public static PrivateEndpointConnection From(JObject c) => new(
        ArmView.Str(c, "id") ?? "",
        ArmView.Str(c, "name") ?? "",
        ArmView.Str(c, "properties.privateEndpoint.id"),
        ArmView.Str(c, "properties.privateLinkServiceConnectionState.status") ?? "Unknown",
        ArmView.Str(c, "properties.privateLinkServiceConnectionState.description"));
}

/// <summary>Microsoft.ContainerRegistry/registries/replications.</summary>
public sealed class ReplicationView(JObject document) : ArmView(document)
{
    public string? DisplayStatus => Prop("status.displayStatus");
    public bool RegionEndpointEnabled => PropBool("regionEndpointEnabled") ?? true;
}

internal static class IpRuleMatching
{
    /// <summary>The first allow rule whose address or CIDR range holds <paramref name="ip"/> (IPv4 and IPv6), or null.</summary>
    public static IpRule? RuleAllowing(this IEnumerable<IpRule> rules, string ip) =>
        rules.FirstOrDefault(r => r.Action.Equals("Allow", StringComparison.OrdinalIgnoreCase)
                                  && Network.IpPrefix.TryParse(r.Value, out var prefix) && prefix.Contains(ip));
}
