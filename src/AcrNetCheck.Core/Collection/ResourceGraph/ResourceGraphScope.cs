namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Where a query looks: the listed subscriptions, the listed management groups, or (both empty) every subscription the
/// caller can read in its tenant.
/// </summary>
internal sealed record ResourceGraphScope(IReadOnlyList<string> Subscriptions, IReadOnlyList<string> ManagementGroups)
{
    public static ResourceGraphScope Tenant { get; } = new([], []);

    public static ResourceGraphScope OfSubscriptions(params string[] subscriptions) => new(subscriptions, []);

    public override string ToString() =>
        Subscriptions.Count > 0 ? $"subscriptions {string.Join(", ", Subscriptions)}"
        : ManagementGroups.Count > 0 ? $"management groups {string.Join(", ", ManagementGroups)}"
        : "every subscription the caller can read";
}
