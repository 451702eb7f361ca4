namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// The Azure Resource Graph REST contract in one place: the api-version (the only one used), the path and the quota
/// headers. Source: learn.microsoft.com/rest/api/azureresourcegraph/resourcegraph/resources/resources and
/// learn.microsoft.com/azure/governance/resource-graph/concepts/guidance-for-throttled-requests.
/// </summary>
internal static class ResourceGraphApi
{
    public const string ApiVersion = "2024-04-01";

    public const string ResourcesPath = "providers/Microsoft.ResourceGraph/resources";

    /// <summary>The largest <c>$top</c> the service accepts; fewer pages mean fewer requests against the quota.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Queries left in the caller's current quota window.</summary>
    public const string QuotaRemainingHeader = "x-ms-user-quota-remaining";

    /// <summary>Time until the quota window resets, as <c>hh:mm:ss</c>.</summary>
    public const string QuotaResetsAfterHeader = "x-ms-user-quota-resets-after";
}
