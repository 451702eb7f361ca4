namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The ARM resource type a path reads (<c>…/privateDnsZones/z/A</c> → <c>Microsoft.Network/privateDnsZones/A</c>) and the
/// RBAC action that lets a caller read it, so a failed read can say which permission is missing.
/// </summary>
public static class ArmResourceType
{
    public const string ProviderRegistration = "Microsoft.Resources/providers";
    public const string Subscriptions = "Microsoft.Resources/subscriptions";
    public const string ManagedClusters = "Microsoft.ContainerService/managedClusters";

    public static string Of(string path)
    {
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (providers < 0 || providers + 1 >= segments.Length)
            return segments.Length > 2 ? $"Microsoft.Resources/{segments[^1]}" : Subscriptions;
        // /subscriptions/{id}/providers/{namespace}: a provider's registration in the subscription.
        if (providers + 2 == segments.Length && providers == 2) return ProviderRegistration;
        // After the namespace come type/name pairs; a list path ends on a type.
        var types = new List<string> { segments[providers + 1] };
        for (var i = providers + 2; i < segments.Length; i += 2) types.Add(segments[i]);
        return string.Join('/', types);
    }

    /// <summary>Whether the path names a collection (<c>{registryId}/replications</c>) rather than one resource: after the last
    /// <c>providers/{namespace}</c> come type/name pairs, so an odd count of segments ends on a type.</summary>
    public static bool IsCollection(string path)
    {
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return providers >= 0 && (segments.Length - providers - 2) % 2 == 1;
    }

    /// <summary>The action in a role definition that allows GET on <paramref name="path"/>.</summary>
    public static string ReadPermission(string path) => Of(path) switch
    {
        ProviderRegistration => "Microsoft.Resources/subscriptions/providers/read",
        Subscriptions => "Microsoft.Resources/subscriptions/read",
        var type when type.StartsWith("Microsoft.Resources/", StringComparison.OrdinalIgnoreCase) => $"Microsoft.Resources/subscriptions/{type["Microsoft.Resources/".Length..]}/read",
        var type => type + "/read",
    };
}
