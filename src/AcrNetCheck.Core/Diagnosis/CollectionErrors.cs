using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>How a run's collection errors are told on stderr, one line each.</summary>
public static class CollectionErrors
{
    /// <summary>
    /// "could not read nsg /subscriptions/…: HTTP 403 AuthorizationFailed (needs Microsoft.Network/…/read)". The permission is
    /// named only for a refusal: a timeout or a server error is not cured by a role assignment.
    /// </summary>
    public static string Describe(CollectionError error)
    {
        var status = error.Status is { } s ? $"HTTP {s} " : "";
        var needs = error.Status is 401 or 403 && error.RequiredPermission is { } permission ? $" (needs {permission})" : "";
        var detail = error.Status is 401 or 403 ? "" : error.Message is { Length: > 0 } message ? $": {message}" : "";
        return $"could not read {error.Read} {error.ResourceId}: {status}{error.ErrorCode}{needs}{detail}".Replace("  ", " ");
    }
}
