namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>Just enough of an ARM resource id to walk between related resources. Ids compare case-insensitively, as ARM does.</summary>
public readonly record struct ResourceId(string Value)
{
    public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

    private string[] Segments => Value.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public string? SubscriptionId => After("subscriptions");
    public string? ResourceGroup => After("resourceGroups");
    /// <summary>The last segment: the resource's own name.</summary>
    public string Name => Segments.Length == 0 ? "" : Segments[^1];

    /// <summary>The parent resource's id (a subnet's VNet), or null for a top-level resource.</summary>
    public string? Parent
    {
        get
        {
            var segments = Segments;
            var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
            // After /providers/Namespace/type/name, each child adds type/name pairs.
            if (providers < 0 || segments.Length - providers <= 4) return null;
            return "/" + string.Join('/', segments[..^2]);
        }
    }

    public static bool AreEqual(string? a, string? b) => a is not null && b is not null && Comparer.Equals(a.TrimEnd('/'), b.TrimEnd('/'));

    private string? After(string key)
    {
        var segments = Segments;
        for (var i = 0; i < segments.Length - 1; i++)
            if (segments[i].Equals(key, StringComparison.OrdinalIgnoreCase)) return segments[i + 1];
        return null;
    }

    public override string ToString() => Value;
}
