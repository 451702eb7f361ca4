using Azure;
using Azure.Identity;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// The RBAC actions a login-events query needs, and the translation of a failed query into a collection error that names
/// the one missing. Never carries a token: only status, the service's error code and its error message.
/// </summary>
internal static class LogQueryErrors
{
    /// <summary>Query a workspace by its customer id.</summary>
    public const string WorkspaceQueryPermission = "Microsoft.OperationalInsights/workspaces/query/read";

    /// <summary>Resource-centric query (<c>/v1{registryId}/query</c>): reads the logs of the resource wherever they are stored.</summary>
    public const string ResourceQueryPermission = "Microsoft.Insights/logs/read";

    public const string Read = "loginEvents";

    /// <summary>A failure of the query itself; null for an exception that is not the service's answer (a bug: let it surface).</summary>
    public static CollectionError? From(Exception exception, string scope, string permission, TimeSpan timeout) => exception switch
    {
        RequestFailedException ex => new CollectionError
        {
            Read = Read, ResourceId = scope, Status = ex.Status == 0 ? null : ex.Status, ErrorCode = ex.ErrorCode ?? (ex.Status == 0 ? "ConnectionFailed" : null),
            Message = ServiceMessage(ex), RequiredPermission = permission,
        },
        OperationCanceledException => new CollectionError
        {
            Read = Read, ResourceId = scope, ErrorCode = "Timeout", Message = $"no answer from Log Analytics within --timeout {timeout.TotalSeconds:0.#} s",
        },
        // The Log Analytics token is asked for on the first query: another audience than ARM's, which can fail on its own.
        AuthenticationFailedException or CredentialUnavailableException => new CollectionError
        {
            Read = Read, ResourceId = scope, ErrorCode = "SignInFailed",
            Message = "could not get a token for the Log Analytics API (run 'az login' again, or check the credential's access to that audience)",
            RequiredPermission = permission,
        },
        _ => null,
    };

    /// <summary>The partial-error shape: rows came back, but the service says they may be incomplete.</summary>
    public static CollectionError Partial(string scope, string partialError) => new()
    {
        Read = Read, ResourceId = scope, Status = 200, ErrorCode = "PartialError", Message = $"results may be incomplete: {partialError}",
    };

    /// <summary>The service's <c>error.message</c>; Azure.Core's own text would carry response headers and the whole body.</summary>
    private static string ServiceMessage(RequestFailedException ex)
    {
        try
        {
            if (ex.GetRawResponse()?.Content is { } body && JObject.Parse(body.ToString()).SelectToken("error.message")?.Value<string>() is { Length: > 0 } message)
                return message;
        }
        catch (Newtonsoft.Json.JsonException) { }
        return ex.Status == 0 ? ex.Message.Split('\n')[0] : ex.ErrorCode is "MalformedResponse" or Http.ResponseTooLargeException.ErrorCodeValue ? ex.Message : $"HTTP {ex.Status}";
    }
}
