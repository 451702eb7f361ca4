using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// ARM GETs for what Resource Graph does not index. The fleet scan calls it with bounded, de-duplicated batches of paths
/// (a resource id, or a collection path such as <c>{privateEndpointId}/privateDnsZoneGroups</c>); the implementation
/// decides how to send them (ARM's batch endpoint, or concurrent GETs) and must not throw for one failed path.
/// </summary>
internal interface IArmBatchReader
{
    /// <summary>One result per requested path. A collection path answers <c>{"value": [...]}</c> with every page followed.</summary>
    Task<IReadOnlyDictionary<string, ArmRead>> GetManyAsync(IReadOnlyList<string> paths, string apiVersion, CancellationToken cancellationToken);
}

/// <summary>What one GET gave: the document, or the failure as ARM told it (status, error code, message).</summary>
internal sealed record ArmRead(JObject? Document, int? Status = null, string? ErrorCode = null, string? Message = null)
{
    public bool Succeeded => Document is not null;

    public static ArmRead Failed(int? status, string? errorCode, string? message) => new(null, status, errorCode, message);
}
