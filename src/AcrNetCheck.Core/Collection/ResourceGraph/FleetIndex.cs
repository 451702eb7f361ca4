using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Everything the fleet scan read, indexed once by id (case-insensitive, as ARM ids are), plus what could not be read.
/// Documents several registries use (subnets, VNets, NSGs, zones, links, records) are parsed once and shared between
/// bundles; documents of one registry are kept frozen (<see cref="FrozenDocument"/>) until its bundle is assembled.
/// </summary>
internal sealed class FleetIndex
{
    public List<FrozenDocument> Registries { get; } = new();

    private readonly Dictionary<string, JObject> _shared = new(ResourceId.Comparer);
    private readonly Dictionary<string, FrozenDocument> _frozen = new(ResourceId.Comparer);

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

    /// <summary>Zone-group paths (<see cref="ArmPaths.PrivateDnsZoneGroups"/>) left unread because they could not change a verdict (<see cref="ZoneGroupNeed"/>).</summary>
    public Dictionary<string, ZoneGroupSkip> ZoneGroupsNotNeeded { get; } = new(ResourceId.Comparer);

    private Dictionary<string, List<string>>? _zonesByLinkedVnet;

    /// <summary>
    /// The privatelink zones (of every scanned subscription) with a virtual network link to <paramref name="vnetId"/>, from the
    /// zones query's links; built on first use, so only once the DNS queries are done.
    /// </summary>
    public IReadOnlyList<string> ZonesLinkedTo(string vnetId)
    {
        if (_zonesByLinkedVnet is null)
        {
            _zonesByLinkedVnet = new(ResourceId.Comparer);
            foreach (var zone in ZonesBySubscription.Values.SelectMany(zones => zones))
                foreach (var link in Lists.GetValueOrDefault(ArmPaths.VirtualNetworkLinks(zone)) ?? [])
                    if (Resource(link) is { } document && new VirtualNetworkLinkView(document).VirtualNetworkId is { } linkedVnet)
                    {
                        if (!_zonesByLinkedVnet.TryGetValue(linkedVnet, out var zones)) _zonesByLinkedVnet[linkedVnet] = zones = new List<string>();
                        if (!zones.Contains(zone, ResourceId.Comparer)) zones.Add(zone);
                    }
        }
        return _zonesByLinkedVnet.GetValueOrDefault(vnetId) ?? [];
    }

    /// <summary>The document (a fresh copy for a frozen one), or null when the scan did not see it.</summary>
    public JObject? Resource(string? id) =>
        id is null ? null : _shared.TryGetValue(id, out var doc) ? doc : _frozen.TryGetValue(id, out var frozen) ? frozen.Thaw() : null;

    public bool Contains(string id) => _shared.ContainsKey(id) || _frozen.ContainsKey(id);

    public void AddRegistry(JObject row) => Registries.Add(FrozenDocument.Of(row));

    public void AddResource(JObject document)
    {
        if (document.Value<string>("id") is { Length: > 0 } id) _shared[id] = document;
    }

    private void Freeze(JObject document)
    {
        if (document.Value<string>("id") is { Length: > 0 } id) _frozen[id] = FrozenDocument.Of(document);
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
        Freeze(row);
        AddToList(key(registryId), id);
    }

    /// <summary>A private endpoint row carries its NIC (joined in KQL) in <c>nic</c>: two documents.</summary>
    public void AddPrivateEndpoint(JObject row)
    {
        if (row["nic"] is JObject nic && nic.Value<string>("id") is { Length: > 0 }) Freeze(nic);
        row.Remove("nic");
        Freeze(row);
    }

    /// <summary>A subnet row carries its VNet's routing-relevant fields in <c>vnet</c>: the VNet is kept once.</summary>
    public void AddSubnet(JObject row)
    {
        if (row["vnet"] is JObject vnet && vnet.Value<string>("id") is { Length: > 0 } vnetId && !_shared.ContainsKey(vnetId)) AddResource(vnet);
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
            _shared[path] = document;
            return;
        }
        var ids = Lists[path] = new List<string>();
        foreach (var member in members.OfType<JObject>())
        {
            if (member.Value<string>("id") is not { Length: > 0 } id) continue;
            _frozen[id] = FrozenDocument.Of(member);
            ids.Add(id);
        }
    }
}
