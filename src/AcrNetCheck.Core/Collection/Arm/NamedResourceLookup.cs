using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>What to look up by name and how to word the outcome: "registry" / "registries", and the hint for each failure.</summary>
internal sealed record NamedResourceQuery(
    string ResourceType, string Name, string Singular, string Plural,
    string ListFailedHint, string NotFoundHint, string AmbiguousHint, SetupFailure NotFound);

/// <summary>
/// Finds a resource named without its id (a registry, an AKS cluster) with one list call over the subscription filtered on
/// its type, matching the name as ARM does (case-insensitively). None, or several in different groups, is a clear error.
/// </summary>
internal static class NamedResourceLookup
{
    public static async Task<FoundResource> FindAsync(IArmReader reader, string subscriptionId, NamedResourceQuery query, CancellationToken cancellationToken)
    {
        IReadOnlyList<FoundResource> found;
        try
        {
            found = await reader.FindResourcesAsync(subscriptionId, query.ResourceType, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmReadException ex) when (ex.Status is >= 400 and < 500 and not 429)
        {
            throw new CollectionSetupException(query.NotFound,
                $"could not list the {query.Plural} of subscription {subscriptionId} to find '{query.Name}' (HTTP {ex.Status} {ex.ErrorCode}; " +
                $"needs {ArmResourceType.ReadPermission($"/subscriptions/{subscriptionId}/resources")}): {query.ListFailedHint}.", ex);
        }
        catch (ArmReadException ex)
        {
            // Throttled, failing (5xx) or unreachable: Azure's trouble, not a wrong name or a missing role.
            var answer = ex.Status is { } status ? $"HTTP {status} {ex.ErrorCode}".TrimEnd() : $"{ex.ErrorCode}: {ex.Message}";
            throw new CollectionSetupException(SetupFailure.AzureUnavailable,
                $"could not list the {query.Plural} of subscription {subscriptionId} to find '{query.Name}': {answer}; retry later, or {query.ListFailedHint}.", ex);
        }
        var matches = found.Where(resource => new ResourceId(resource.Id).Name.Equals(query.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CollectionSetupException(query.NotFound,
                $"no {query.Singular} named '{query.Name}' in subscription {subscriptionId} ({found.Count} {query.Plural} listed); {query.NotFoundHint}."),
            _ => throw new CollectionSetupException(SetupFailure.InvalidInput,
                $"{query.Plural} named '{query.Name}' exist in several resource groups ({string.Join(", ", matches.Select(m => new ResourceId(m.Id).ResourceGroup))}); {query.AmbiguousHint}."),
        };
    }
}
