using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// What <c>scan</c> looks at (the caller has checked that not both are given): the management groups given, else the subscriptions given (ids or display names), else every
/// subscription the identity can list (<c>GET /subscriptions</c>). Listing them, rather than leaving the scope to the
/// tenant, lets the collector ask a refusing subscription alone and record it instead of losing the whole query.
/// </summary>
internal static class FleetScopeResolver
{
    public static async Task<ResourceGraphScope> ResolveAsync(ArmConnection connection, IReadOnlyList<string> subscriptions, IReadOnlyList<string> managementGroups,
        AzureCliConfig config, ICollectionLog log, CancellationToken cancellationToken)
    {
        if (managementGroups.Count > 0) return new ResourceGraphScope([], managementGroups.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        if (subscriptions.Count > 0)
        {
            var ids = new List<string>();
            foreach (var wanted in subscriptions) ids.Add(await connection.SubscriptionIdAsync(wanted, config, cancellationToken).ConfigureAwait(false));
            return ResourceGraphScope.OfSubscriptions([.. ids.Distinct(StringComparer.OrdinalIgnoreCase)]);
        }

        try
        {
            var visible = await connection.Reader.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
            if (visible.Count > 0)
            {
                log.Verbose($"scanning the {visible.Count} subscription(s) this sign-in can list");
                return ResourceGraphScope.OfSubscriptions([.. visible.Select(s => s.Id)]);
            }
            log.Warning("this sign-in lists no subscriptions; asking Resource Graph at tenant scope");
        }
        catch (ArmReadException ex)
        {
            log.Warning($"could not list subscriptions (HTTP {ex.Status?.ToString() ?? "-"} {ex.ErrorCode}); asking Resource Graph at tenant scope");
        }
        return ResourceGraphScope.Tenant;
    }
}
