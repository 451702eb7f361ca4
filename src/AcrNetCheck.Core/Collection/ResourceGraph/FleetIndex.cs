using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Everything the fleet scan read, indexed once by id (case-insensitive, as ARM ids are), plus what could not be read.
/// Documents are shared between the registries' bundles, never copied: a zone's records are held once however many
/// registries use the zone.
/// </summary>
internal sealed class FleetIndex
{
    public List<JObject> Registries { get; } = new();

    public Dictionary<string, JObject> Resources { get; } = new(ResourceId.Comparer);

    /// <summary>Collection path (an <see cref="ArmPaths"/> key) → member ids.</summary>
    public Dictionary<string, List<string>> Lists { get; } = new(ResourceId.Comparer);

    /// <summary>Queries that did not finish (query name → why); what they would have brought is unknown, not absent.</summary>
    public Dictionary<string, CollectionError> FailedQueries { get; } = new(StringComparer.Ordinal);

    /// <summary>Subscriptions that refused the query (subscription id → why); their resources are unknown.</summary>
    public Dictionary<string, CollectionError> UnreadableSubscriptions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Fall-back ARM reads that failed (path → why).</summary>
    public Dictionary<string, CollectionError> FailedReads { get; } = new(ResourceId.Comparer);

    /// <summary>Subscription id → the registry private DNS zones found in it (the zones query brings only those).</summary>
    public Dictionary<string, List<string>> ZonesBySubscription { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JObject? Resource(string? id) => id is not null && Resources.TryGetValue(id, out var doc) ? doc : null;

    public void AddResource(JObject document)
    {
        if (document.Value<string>("id") is { Length: > 0 } id) Resources[id] = document;
    }

    public void AddToList(string key, string id)
    {
        if (!Lists.TryGetValue(key, out var ids)) Lists[key] = ids = new List<string>();
        ids.Add(id);
    }

    /// <summary>A registry child (replication, task, agent pool) goes under its parent's collection path.</summary>
    public void AddRegistryChild(JObject row)
    {
        var id = row.Value<string>("id") ?? "";
        if (new ResourceId(id).Parent is not { } registryId) return;
        var type = row.Value<string>("type") ?? "";
        Func<string, string>? key = type.EndsWith("/replications", StringComparison.OrdinalIgnoreCase) ? ArmPaths.Replications
            : type.EndsWith("/tasks", StringComparison.OrdinalIgnoreCase) ? ArmPaths.Tasks
            : type.EndsWith("/agentpools", StringComparison.OrdinalIgnoreCase) ? ArmPaths.AgentPools
            : null;
        if (key is null) return;
        AddResource(row);
        AddToList(key(registryId), id);
    }

    /// <summary>A private endpoint row carries its NIC (joined in KQL) in <c>nic</c>: two documents.</summary>
    public void AddPrivateEndpoint(JObject row)
    {
        if (row["nic"] is JObject nic && nic.Value<string>("id") is { Length: > 0 }) AddResource(nic);
        row.Remove("nic");
        AddResource(row);
    }

    /// <summary>A subnet row carries its VNet's routing-relevant fields in <c>vnet</c>: the VNet is kept once.</summary>
    public void AddSubnet(JObject row)
    {
        if (row["vnet"] is JObject vnet && vnet.Value<string>("id") is { Length: > 0 } vnetId && !Resources.ContainsKey(vnetId)) AddResource(vnet);
        row.Remove("vnet");
        AddResource(row);
    }

    /// <summary>Zones, links and A record sets: links and records are listed under their zone's collection paths.</summary>
    public void AddPrivateDns(JObject row)
    {
        var id = row.Value<string>("id") ?? "";
        var type = row.Value<string>("type") ?? "";
        AddResource(row);
        if (type.Equals("microsoft.network/privatednszones", StringComparison.OrdinalIgnoreCase) && new ResourceId(id).SubscriptionId is { } subscription)
        {
            if (!ZonesBySubscription.TryGetValue(subscription, out var zones)) ZonesBySubscription[subscription] = zones = new List<string>();
            zones.Add(id);
        }
        if (new ResourceId(id).Parent is not { } zoneId) return;
        if (type.EndsWith("/virtualnetworklinks", StringComparison.OrdinalIgnoreCase)) AddToList(ArmPaths.VirtualNetworkLinks(zoneId), id);
        else if (type.EndsWith("/a", StringComparison.OrdinalIgnoreCase)) AddToList(ArmPaths.ARecordSets(zoneId), id);
    }

    /// <summary>A fall-back read's answer: a collection's members become resources and a list; a single document a resource.</summary>
    public void AddFallback(string path, JObject document)
    {
        if (document["value"] is not JArray members)
        {
            Resources[path] = document;
            return;
        }
        var ids = Lists[path] = new List<string>();
        foreach (var member in members.OfType<JObject>())
        {
            if (member.Value<string>("id") is not { Length: > 0 } id) continue;
            Resources[id] = member;
            ids.Add(id);
        }
    }
}
