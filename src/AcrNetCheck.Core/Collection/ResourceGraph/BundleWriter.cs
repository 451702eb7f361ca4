using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Copies documents and lists from the fleet index into one bundle, and, for each one the index lacks, records why as a
/// collection error: its subscription refused, its query failed, its fall-back read failed, or it was simply not in the results.
/// </summary>
internal sealed class BundleWriter(EvidenceBundle bundle, FleetIndex index)
{
    public EvidenceBundle Bundle => bundle;

    private ArmEvidence Arm => bundle.Arm!;

    /// <summary>A document Resource Graph brings; null (and an error recorded) when it is not in the index.</summary>
    public JObject? Queried(string id, string queryName, string read, string permission)
    {
        if (Arm.Resources.TryGetValue(id, out var present)) return present;
        if (index.Resource(id) is { } doc) return Arm.Resources[id] = doc;
        Record(Unknown(id, queryName, read, permission) ?? NotFound(id, queryName, read, permission));
        return null;
    }

    /// <summary>A collection Resource Graph brings; written (possibly empty) only when nothing stopped its query.</summary>
    public void QueriedList(string key, string queryName, string read, string permission)
    {
        if (Unknown(key, queryName, read, permission) is { } error)
        {
            Record(error);
            return;
        }
        WriteList(key, index.Lists.TryGetValue(key, out var ids) ? ids : []);
    }

    /// <summary>A collection read from ARM: written when the read succeeded; false (and an error recorded) otherwise.</summary>
    public bool FallbackList(string key, FleetFallbackRead read)
    {
        if (index.Lists.TryGetValue(key, out var ids))
        {
            WriteList(key, ids);
            return true;
        }
        Record(FallbackError(key, read));
        return false;
    }

    public void FallbackResource(string path, FleetFallbackRead read)
    {
        if (index.Resource(path) is { } doc) Arm.Resources[path] = doc;
        else Record(FallbackError(path, read));
    }

    private void WriteList(string key, IReadOnlyList<string> ids)
    {
        Arm.Lists[key] = ids.ToList();
        foreach (var id in ids)
            if (index.Resource(id) is { } doc) Arm.Resources[id] = doc;
    }

    /// <summary>Why something may exist without the index knowing: its subscription refused, or its query did not finish.</summary>
    private CollectionError? Unknown(string idOrKey, string queryName, string read, string permission)
    {
        var subscription = new ResourceId(idOrKey).SubscriptionId;
        if (subscription is not null && index.UnreadableSubscriptions.TryGetValue(subscription, out var refused))
            return Copy(refused, read, idOrKey, permission);
        return index.FailedQueries.TryGetValue(queryName, out var failed) ? Copy(failed, read, idOrKey, permission) : null;
    }

    private static CollectionError NotFound(string id, string queryName, string read, string permission) => new()
    {
        Read = read,
        ResourceId = id,
        Message = $"not in the Resource Graph results of the {queryName} query: outside the scanned subscriptions, deleted, or not readable by the caller",
        RequiredPermission = permission,
    };

    private CollectionError FallbackError(string path, FleetFallbackRead read) =>
        index.FailedReads.TryGetValue(path, out var failed)
            ? Copy(failed, read.Read, path, read.RequiredPermission)
            : new CollectionError { Read = read.Read, ResourceId = path, Message = "not read: the scan stopped before this ARM read", RequiredPermission = read.RequiredPermission };

    private static CollectionError Copy(CollectionError error, string read, string resourceId, string permission) => new()
    {
        Read = read,
        ResourceId = resourceId,
        Status = error.Status,
        ErrorCode = error.ErrorCode,
        Message = error.Message,
        RequiredPermission = error.RequiredPermission ?? permission,
    };

    private void Record(CollectionError error)
    {
        if (!bundle.CollectionErrors.Any(e => e.Read == error.Read && ResourceId.AreEqual(e.ResourceId, error.ResourceId)))
            bundle.CollectionErrors.Add(error);
    }
}
