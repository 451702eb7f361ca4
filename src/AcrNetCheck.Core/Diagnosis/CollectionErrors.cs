using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>How a run's collection errors are told on stderr, one line each.</summary>
public static class CollectionErrors
{
    /// <summary>
    /// "could not read nsg /subscriptions/…: HTTP 403 AuthorizationFailed (needs Microsoft.Network/…/read)". The permission is
    /// named only for a refusal: a timeout or a server error is not cured by a role assignment, so its message is told instead.
    /// </summary>
    public static string Describe(CollectionError error)
    {
        var refused = error.Status is 401 or 403;
        var parts = new[]
        {
            error.Status is { } status ? $"HTTP {status}" : null,
            error.ErrorCode,
            refused && error.RequiredPermission is { } permission ? $"(needs {permission})" : null,
            !refused && error.Message is { Length: > 0 } message ? $"- {message}" : null,
        };
        var what = string.Join(' ', new[] { error.Read, error.ResourceId }.Where(p => !string.IsNullOrEmpty(p)));
        return $"could not read {what}: {string.Join(' ', parts.Where(p => !string.IsNullOrEmpty(p)))}";
    }
}
