using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The ARM reads the collector needs, documents as ARM returned them. Today plain REST calls over the signed-in
/// credential's HttpPipeline back it; the typed Azure.ResourceManager.* packages could later. Every failure is an
/// <see cref="ArmReadException"/>.
/// </summary>
public interface IArmReader
{
    /// <summary>GET one resource (or a provider registration, <c>/subscriptions/{id}/providers/{namespace}</c>).</summary>
    Task<JObject> GetAsync(string resourceId, CancellationToken cancellationToken);

    /// <summary>GET one resource with an api-version other than the one pinned for its type (fields only newer versions return).</summary>
    Task<JObject> GetAsync(string resourceId, string apiVersion, CancellationToken cancellationToken);

    /// <summary>Every member of a collection (<c>{registryId}/replications</c>, <c>{zoneId}/A</c> …), following nextLink.</summary>
    Task<IReadOnlyList<JObject>> ListAsync(string collectionPath, CancellationToken cancellationToken);

    /// <summary>A subscription's resources of one type, with their regions: one list call filtered on the type.</summary>
    Task<IReadOnlyList<FoundResource>> FindResourcesAsync(string subscriptionId, string resourceType, CancellationToken cancellationToken);

    /// <summary>The subscriptions the caller can see, as (id, display name).</summary>
    Task<IReadOnlyList<(string Id, string Name)>> ListSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// POST an ARM action that answers as a long-running operation (<c>{nicId}/effectiveRouteTable</c>): 200 with the result,
    /// or 202 and then the <c>Location</c> (or <c>Azure-AsyncOperation</c>) URL polled until it holds the result. Readers that
    /// cannot (test doubles of the GET reads) refuse it.
    /// </summary>
    Task<JObject> PostLongRunningAsync(string actionPath, JObject? body, CancellationToken cancellationToken) =>
        throw new ArmReadException(null, "NotSupported", $"this ARM reader cannot run {actionPath}");

    /// <summary>The service tags list of a cloud (<c>/subscriptions/{id}/providers/Microsoft.Network/locations/{location}/serviceTags</c>), pages merged.</summary>
    Task<JObject> GetServiceTagsAsync(string subscriptionId, string location, CancellationToken cancellationToken);
}

/// <summary>
/// A resource as a subscription's resource list names it: its id and its region (the list carries it), so what needs only
/// the region (the service tag list) can start before the resource itself is read.
/// </summary>
public sealed record FoundResource(string Id, string? Location);

/// <summary>A read ARM refused or could not complete: HTTP status (null without a response), ARM error code and message.</summary>
internal sealed class ArmReadException(int? status, string? errorCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int? Status { get; } = status;
    public string? ErrorCode { get; } = errorCode;

    public const string MalformedBody = "MalformedResponse";

    /// <summary>No answer at all: the TLS handshake failed, or the connection was refused or reset.</summary>
    public const string ConnectionFailed = "ConnectionFailed";
}
