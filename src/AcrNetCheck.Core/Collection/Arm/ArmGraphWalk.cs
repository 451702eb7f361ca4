using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// The read graph of one registry. Each read starts as soon as what it needs is known and waits for nothing else:
/// registry (and the registry again at a current api-version) → replications, diagnostic settings, tasks, agent pools, service tags; → each private endpoint → its NICs
/// (→ NIC NSG) and subnet (→ VNet, NSG, route table); each endpoint's DNS zone groups → zones → A record sets and VNet
/// links; each VNet rule's subnet and its subscription's provider registration; the subscriptions' privatelink zones.
/// </summary>
internal sealed class ArmGraphWalk(ArmReads reads, IArmReader reader, CollectionContext context, ArmCollectorOptions options)
{
    private Task<JObject?>? _serviceTags;
    private readonly List<Task<JObject?>> _filters = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _zoneLists = new(StringComparer.OrdinalIgnoreCase);
    private readonly SourceSubnetReads _sources = new(reads);

    /// <summary>The subnets the client's source stands for, known after <see cref="RunAsync"/>.</summary>
    public IReadOnlyList<string> SourceSubnetIds { get; private set; } = [];

    public IReadOnlyList<string> SourceNotes => _sources.Notes.ToArray();

    /// <summary>The client's NIC (a VM or NIC source), known after <see cref="RunAsync"/>.</summary>
    public string? SourceNetworkInterfaceId => _sources.NetworkInterfaceId;

    /// <summary>Scale-set instance NICs the source stands for (--aks pools, a scale set instance), known after <see cref="RunAsync"/>.</summary>
    public IReadOnlyList<string> SourceScaleSetNetworkInterfaceIds => _sources.ScaleSetNetworkInterfaceIds.ToArray();

    private string ZoneSuffix => "privatelink." + (context.Target.LoginServerSuffix ?? "azurecr.io");

    /// <summary>
    /// Completes when the registry, its replications and the client's source subnets are read (or could not be): what
    /// the probes need. Set when <see cref="RunAsync"/> starts.
    /// </summary>
    public Task RegistryRead { get; private set; } = Task.CompletedTask;

    /// <summary>Completes when the registry's own document is read (or could not be): its login server is known.</summary>
    public Task RegistryDocumentRead { get; private set; } = Task.CompletedTask;

    /// <summary>Completes when the registry's diagnostic settings are read (or could not be): what the login events need.</summary>
    public Task DiagnosticSettingsRead { get; private set; } = Task.CompletedTask;

    /// <summary>
    /// Completes when the private endpoints' documents are read and the client's source subnets are known (or could not be):
    /// every subnet that matters is named, before those subnets are read.
    /// </summary>
    public Task PrivateEndpointsRead => _privateEndpointsRead.Task;

    private readonly TaskCompletionSource _privateEndpointsRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _sourceSubnetsKnown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(string registryId)
    {
        try { await WalkAsync(registryId).ConfigureAwait(false); }
        finally
        {
            _sourceSubnetsKnown.TrySetResult();
            _privateEndpointsRead.TrySetResult();
        }
    }

    private async Task WalkAsync(string registryId)
    {
        // The client's subnets need nothing from the registry: they start with it.
        var sourceSubnets = options.Source is { } source ? _sources.ResolveAsync(source) : Task.FromResult<IReadOnlyList<string>>([]);
        var vantage = ReadSourceSubnetsAsync(sourceSubnets);

        // The child collections hang off the registry's id, known before its document: read alongside it, not after.
        var registryRead = reads.Get("registry", registryId, 1);
        // The same registry at a current api-version, for the fields the pinned one lacks (ApiVersions.RegistryCurrent):
        // beside the first read, never waited for by anything but the end of the walk.
        var currentRegistryRead = reads.GetAtApiVersion(ArmEvidence.RegistryCurrentRead, registryId, ApiVersions.RegistryCurrent, 1);
        var replications = reads.List("replications", ArmPaths.Replications(registryId), 1);
        var diagnosticSettings = reads.List("diagnosticSettings", ArmPaths.DiagnosticSettings(registryId), 1);
        var work = new List<Task>
        {
            vantage,
            currentRegistryRead,
            replications,
            diagnosticSettings,
            reads.List("tasks", ArmPaths.Tasks(registryId), 1),
            reads.List("agentPools", ArmPaths.AgentPools(registryId), 1),
        };
        RegistryDocumentRead = registryRead;
        if (options.Source is { Kind: VantageSourceKind.Aks, Id: { } cluster }) work.Add(new KubeletRoleReads(reads).RunAsync(cluster, registryId));
        RegistryRead = Task.WhenAll(registryRead, replications, sourceSubnets);
        DiagnosticSettingsRead = diagnosticSettings;
        // The service tags need only the region: known before the registry's document when the lookup named it.
        if (options.RegistryLocation is { Length: > 0 } knownLocation) work.Add(ReadServiceTags(registryId, knownLocation, 1));

        if (await registryRead.ConfigureAwait(false) is not { } document)
        {
            await Task.WhenAll(work).ConfigureAwait(false);
            return;
        }
        var registry = new RegistryView(document);
        if (_serviceTags is null && registry.Location is { Length: > 0 } location) work.Add(ReadServiceTags(registryId, location, 2));

        var endpointIds = registry.PrivateEndpointConnections.Select(c => c.PrivateEndpointId).OfType<string>().Distinct(ResourceId.Comparer).ToList();
        // A regional privatelink zone anywhere in play can shadow the registry's records: list each subscription's zones.
        // Started before the endpoints, so a zone their zone groups name is found in these lists rather than read again.
        if (endpointIds.Count > 0)
            foreach (var zoneSubscription in new[] { registryId }.Concat(await sourceSubnets.ConfigureAwait(false)).Concat(endpointIds)
                         .Select(id => id is null ? null : new ResourceId(id).SubscriptionId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
                work.Add(_zoneLists[zoneSubscription] = ReadPrivateLinkZonesAsync(zoneSubscription, 2));
        var endpointDocuments = endpointIds.Select(pe => (Id: pe, Document: reads.Get("privateEndpoint", pe, 2))).ToList();
        _ = Task.WhenAll(endpointDocuments.Select(e => (Task)e.Document).Append(_sourceSubnetsKnown.Task))
            .ContinueWith(_ => _privateEndpointsRead.TrySetResult(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        work.AddRange(endpointDocuments.Select(e => ReadPrivateEndpointAsync(e.Id, e.Document, 2)));
        foreach (var rule in registry.VirtualNetworkRules ?? [])
        {
            work.Add(ReadSubnetAsync(rule.SubnetId, 2, networkPath: false));
            work.Add(ReadProviderAsync(rule.SubnetId, 2));
        }
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    /// <summary>The cloud's service tag list, asked for in the registry's region (from the cache when it holds a fresh copy).</summary>
    private Task ReadServiceTags(string registryId, string location, int depth)
    {
        if (new ResourceId(registryId).SubscriptionId is not { } subscription) return Task.CompletedTask;
        return _serviceTags = reads.Other("serviceTags", $"/subscriptions/{subscription}/providers/Microsoft.Network/locations/{location}/serviceTags", depth,
            token => options.ServiceTagCache is { } cache
                ? cache.GetAsync(location, t => reader.GetServiceTagsAsync(subscription, location, t), token)
                : reader.GetServiceTagsAsync(subscription, location, token));
    }

    /// <summary>Each source subnet with what decides its traffic, and its subscription's provider registration (VNet rules need it).</summary>
    private async Task ReadSourceSubnetsAsync(Task<IReadOnlyList<string>> resolving)
    {
        var subnets = await resolving.ConfigureAwait(false);
        SourceSubnetIds = subnets;
        _sourceSubnetsKnown.TrySetResult();
        var depth = options.Source?.Kind switch { VantageSourceKind.Subnet => 1, VantageSourceKind.Vm => 3, _ => 2 };
        var effective = _sources.NetworkInterfaceId is { } nic ? EffectiveStateReads.RunAsync(reads, nic, depth) : Task.CompletedTask;
        await Task.WhenAll(subnets.SelectMany(subnet => new[] { ReadSubnetAsync(subnet, depth, networkPath: true), ReadProviderAsync(subnet, depth) })
            .Append(effective).Append(_sources.ScaleSetsRead)).ConfigureAwait(false);
    }

    private async Task ReadPrivateEndpointAsync(string endpointId, Task<Newtonsoft.Json.Linq.JObject?> reading, int depth)
    {
        // The zone groups hang off the endpoint's id, which the registry already named: no need to wait for the endpoint.
        var zoneGroups = ReadZoneGroupsAsync(endpointId, depth);
        if (await reading.ConfigureAwait(false) is { } document)
        {
            var endpoint = new PrivateEndpointView(document);
            var next = endpoint.NetworkInterfaceIds.Select(nic => ReadNetworkInterfaceAsync(nic, depth + 1)).ToList();
            if (endpoint.SubnetId is { } subnet) next.Add(ReadSubnetAsync(subnet, depth + 1, networkPath: true));
            await Task.WhenAll(next).ConfigureAwait(false);
        }
        await zoneGroups.ConfigureAwait(false);
    }

    private async Task ReadZoneGroupsAsync(string endpointId, int depth)
    {
        var groups = await reads.List("privateDnsZoneGroups", ArmPaths.PrivateDnsZoneGroups(endpointId), depth).ConfigureAwait(false);
        var zoneIds = (groups ?? []).SelectMany(g => new PrivateDnsZoneGroupView(g).ZoneConfigs).Select(z => z.PrivateDnsZoneId)
            .Where(z => z.Length > 0).Distinct(ResourceId.Comparer);
        await Task.WhenAll(zoneIds.Select(zone => ReadNamedZoneAsync(zone, depth + 1))).ConfigureAwait(false);
    }

    /// <summary>A zone a zone group names: when its subscription's privatelink zones are being listed, the list brings it.</summary>
    private async Task ReadNamedZoneAsync(string zoneId, int depth)
    {
        if (IsPrivateLinkZone(new ResourceId(zoneId).Name) && new ResourceId(zoneId).SubscriptionId is { } subscription
            && _zoneLists.TryGetValue(subscription, out var listing))
            await listing.ConfigureAwait(false);
        await ReadZoneAsync(zoneId, depth).ConfigureAwait(false);
    }

    private bool IsPrivateLinkZone(string name) =>
        name.Equals(ZoneSuffix, StringComparison.OrdinalIgnoreCase) || name.EndsWith("." + ZoneSuffix, StringComparison.OrdinalIgnoreCase);

    private async Task ReadPrivateLinkZonesAsync(string subscriptionId, int depth)
    {
        var zones = await reads.List("privateDnsZones", ArmPaths.PrivateDnsZones(subscriptionId), depth,
            zone => zone.Value<string>("name") is { } name && IsPrivateLinkZone(name)).ConfigureAwait(false);
        await Task.WhenAll((zones ?? []).Select(z => z.Value<string>("id")).OfType<string>().Select(id => ReadZoneAsync(id, depth + 1))).ConfigureAwait(false);
    }

    private Task ReadZoneAsync(string zoneId, int depth) => Task.WhenAll(
        reads.Get("privateDnsZone", zoneId, depth),
        reads.List("aRecordSets", ArmPaths.ARecordSets(zoneId), depth),
        reads.List("virtualNetworkLinks", ArmPaths.VirtualNetworkLinks(zoneId), depth));

    private async Task ReadNetworkInterfaceAsync(string nicId, int depth)
    {
        if (await reads.Get("networkInterface", nicId, depth).ConfigureAwait(false) is { } nic
            && new NetworkInterfaceView(nic).NetworkSecurityGroupId is { } nsg)
            await ReadFilterAsync("networkSecurityGroup", nsg, depth + 1).ConfigureAwait(false);
    }

    /// <param name="networkPath">Also the VNet (DNS servers), the subnet's NSG and route table: what decides traffic from or to it.</param>
    private async Task ReadSubnetAsync(string subnetId, int depth, bool networkPath)
    {
        var vnet = networkPath && new ResourceId(subnetId).Parent is { } vnetId ? reads.Get("virtualNetwork", vnetId, depth) : Task.FromResult<JObject?>(null);
        if (await reads.Get("subnet", subnetId, depth).ConfigureAwait(false) is { } document && networkPath)
        {
            var subnet = new SubnetView(document);
            await Task.WhenAll(
                subnet.NetworkSecurityGroupId is { } nsg ? ReadFilterAsync("networkSecurityGroup", nsg, depth + 1) : Task.CompletedTask,
                subnet.RouteTableId is { } routes ? ReadFilterAsync("routeTable", routes, depth + 1) : Task.CompletedTask).ConfigureAwait(false);
        }
        await vnet.ConfigureAwait(false);
    }

    /// <summary>NSGs and route tables: kept aside too, because the service tags their rules name are selected from them.</summary>
    private Task ReadFilterAsync(string read, string id, int depth)
    {
        var task = reads.Get(read, id, depth);
        lock (_filters) _filters.Add(task);
        return task;
    }

    /// <summary>Service endpoints (VNet rules) need Microsoft.ContainerRegistry registered in the subnet's subscription.</summary>
    private Task ReadProviderAsync(string subnetId, int depth) =>
        new ResourceId(subnetId).SubscriptionId is { } subscription ? reads.Get("providerRegistration", ArmPaths.Provider(subscription), depth) : Task.CompletedTask;

    /// <summary>
    /// From the cloud's service tag list: AzureContainerRegistry and its regional tags for the registry's and replicas'
    /// regions, plus every tag an NSG rule or route that was read names. Null when the list was not read.
    /// </summary>
    public ServiceTagEvidence? SelectedServiceTags()
    {
        if (_serviceTags is not { IsCompletedSuccessfully: true, Result: { } list }) return null;
        var regions = reads.Documents
            .Where(d => string.Equals(d.Value<string>("type"), "Microsoft.ContainerRegistry/registries", StringComparison.OrdinalIgnoreCase)
                     || string.Equals(d.Value<string>("type"), "Microsoft.ContainerRegistry/registries/replications", StringComparison.OrdinalIgnoreCase))
            .Select(d => RegistryEndpoints.NormalizeRegion(d.Value<string>("location"))).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        List<JObject> filters;
        lock (_filters) filters = _filters.Where(t => t.IsCompletedSuccessfully && t.Result is not null).Select(t => t.Result!).ToList();
        return ServiceTagSelection.Select(list, regions, ServiceTagSelection.NamesUsedIn(filters));
    }
}
