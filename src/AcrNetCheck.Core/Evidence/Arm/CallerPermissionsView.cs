using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>
/// What the signed-in caller may do at one scope, as ARM's permissions API answers it
/// (<c>GET {scope}/providers/Microsoft.Authorization/permissions</c>, azure-rest-api-specs
/// specification/authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleDefinitionsCalls.json,
/// operation Permissions_ListForResource): one entry per role the caller holds there, each with <c>actions</c> and
/// <c>notActions</c>. The collector stores the answer as it came, under <see cref="ArmPaths.CallerPermissions"/>.
/// </summary>
public sealed class CallerPermissionsView(JObject document) : ArmView(document)
{
    public IReadOnlyList<PermissionEntry> Entries =>
        (Document["value"] as JArray ?? []).OfType<JObject>().Select(PermissionEntry.From).ToList();

    /// <summary>
    /// Whether any one entry grants <paramref name="action"/> without that same entry's notActions taking it away.
    /// NotActions subtract from their own entry only; they are not a deny, so another role can still grant the action
    /// (learn.microsoft.com/azure/role-based-access-control/role-definitions#notactions).
    /// </summary>
    public bool Allows(string action) => Entries.Any(e => e.Allows(action));
}

public sealed record PermissionEntry(IReadOnlyList<string> Actions, IReadOnlyList<string> NotActions)
{
    public bool Allows(string action) =>
        Actions.Any(a => ActionPattern.Matches(a, action)) && !NotActions.Any(n => ActionPattern.Matches(n, action));

    public static PermissionEntry From(JObject entry) => new(Strings(entry["actions"]), Strings(entry["notActions"]));

    private static IReadOnlyList<string> Strings(JToken? token) =>
        token is JArray a ? a.OfType<JValue>().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList() : [];
}

/// <summary>
/// Azure RBAC action matching: case-insensitive, and <c>*</c> matches any characters, slashes included
/// (<c>*</c>, <c>Microsoft.ContainerRegistry/*</c>, <c>*/read</c>, <c>Microsoft.Network/*/write</c>).
/// </summary>
public static class ActionPattern
{
    public static bool Matches(string pattern, string action)
    {
        if (!pattern.Contains('*')) return string.Equals(pattern, action, StringComparison.OrdinalIgnoreCase);
        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(action, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }
}

/// <summary>
/// The subnet scopes at which the caller's permissions decide whether a private endpoint can be placed: the client's
/// source subnets (<c>--from</c>/<c>--aks</c>, <see cref="EvidenceView.SourceSubnetIds"/>) first, then the subnets of the
/// registry's approved private endpoints, without repeats, at most <see cref="MaxSubnets"/> (the collector reads these,
/// the rule judges these: one list for both).
/// </summary>
public static class CallerPermissionScopes
{
    public const int MaxSubnets = 8;

    /// <summary>Every relevant subnet, uncapped: those past <see cref="MaxSubnets"/> are not read.</summary>
    public static IReadOnlyList<string> Subnets(EvidenceView evidence)
    {
        var approved = evidence.ApprovedConnections.Select(c => c.PrivateEndpointId).OfType<string>().ToHashSet(ResourceId.Comparer);
        var endpointSubnets = evidence.PrivateEndpoints.Where(pe => approved.Contains(pe.Id)).Select(pe => pe.SubnetId);
        var subnets = new List<string>();
        foreach (var id in evidence.SourceSubnetIds.Concat(endpointSubnets))
            if (id is { Length: > 0 } && !subnets.Any(known => ResourceId.AreEqual(known, id))) subnets.Add(id.TrimEnd('/'));
        return subnets;
    }

    /// <summary>The subnets whose permissions are read: the first <see cref="MaxSubnets"/> of <paramref name="subnets"/> (<see cref="Subnets"/>).</summary>
    public static IReadOnlyList<string> Read(IReadOnlyList<string> subnets) => subnets.Take(MaxSubnets).ToList();
}
