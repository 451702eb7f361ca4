using System.Runtime.CompilerServices;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Azure;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// The fleet scan's collection: a handful of Resource Graph queries (<see cref="FleetQueries"/>), then batched ARM reads for
/// what Resource Graph does not index, then one evidence bundle per registry, yielded one at a time so the caller can
/// analyse and drop each. Requests grow with result pages and batches, not with registries. Partial failure is normal:
/// a refused subscription, a failed page or a failed read becomes a collection error and the scan goes on.
/// </summary>
internal sealed class FleetCollector(ResourceGraphClient graph, IArmBatchReader arm, FleetScanOptions options, ICollectionLog? log = null)
{
    private readonly ICollectionLog _log = log ?? NullCollectionLog.Instance;
    private readonly FleetIndex _index = new();
    private ResourceGraphScope _scope = options.Scope;

    public FleetCollectionStats Stats { get; } = new();

    /// <summary>Failures that belong to no single registry (a subscription that refused, a registries page that failed).</summary>
    public List<CollectionError> ScanErrors { get; } = new();

    public async IAsyncEnumerable<EvidenceBundle> CollectAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var collectedAt = options.Time.GetUtcNow();
        await RunQueryAsync(FleetQueries.Registries(options.QueryFilter), _index.AddRegistry, cancellationToken).ConfigureAwait(false);
        _log.Verbose($"{_index.Registries.Count} registr{(_index.Registries.Count == 1 ? "y" : "ies")} found in {_scope}");
        if (_index.Registries.Count > 0) await CollectRelatedAsync(cancellationToken).ConfigureAwait(false);

        Stats.ResourceGraphRequests = graph.RequestsSent;
        ScanErrors.AddRange(_index.UnreadableSubscriptions.Values);
        if (_index.FailedQueries.TryGetValue(FleetQueries.RegistriesName, out var registriesFailed)) ScanErrors.Add(registriesFailed);
        _log.Debug(Stats.ToString());

        var assembler = new FleetBundleAssembler(_index, options, collectedAt);
        foreach (var registry in _index.Registries) yield return assembler.Assemble(registry);
    }

    private async Task CollectRelatedAsync(CancellationToken cancellationToken)
    {
        await RunQueryAsync(FleetQueries.RegistryChildren, _index.AddRegistryChild, cancellationToken).ConfigureAwait(false);
        await RunQueryAsync(FleetQueries.PrivateEndpoints, _index.AddPrivateEndpoint, cancellationToken).ConfigureAwait(false);
        await RunQueryAsync(FleetQueries.Subnets, _index.AddSubnet, cancellationToken).ConfigureAwait(false);
        await RunQueryAsync(FleetQueries.NetworkSecurityGroups, _index.AddResource, cancellationToken).ConfigureAwait(false);
        await RunQueryAsync(FleetQueries.PrivateDnsZones(options.LoginServerSuffix), _index.AddPrivateDns, cancellationToken).ConfigureAwait(false);
        await RunQueryAsync(FleetQueries.ARecordSets(options.LoginServerSuffix), _index.AddPrivateDns, cancellationToken).ConfigureAwait(false);

        // One pass over the registries (thawed one at a time) for the paths of the fall-back reads.
        List<string> zoneGroups = new(), diagnosticSettings = new(), providers = new();
        foreach (var registry in _index.Registries.Select(r => new RegistryView(r.Thaw())))
        {
            diagnosticSettings.Add(ArmPaths.DiagnosticSettings(registry.Id));
            if (ZoneGroupNeed.NotNeeded(_index, registry, options.LoginServerSuffix) is { } notNeeded)
                foreach (var (peId, skip) in notNeeded) _index.ZoneGroupsNotNeeded[ArmPaths.PrivateDnsZoneGroups(peId)] = skip;
            else
                zoneGroups.AddRange(registry.PrivateEndpointConnections.Where(c => c.IsApproved && c.PrivateEndpointId is not null)
                    .Select(c => ArmPaths.PrivateDnsZoneGroups(c.PrivateEndpointId!)));
            providers.AddRange((registry.VirtualNetworkRules ?? []).Select(rule => new ResourceId(rule.SubnetId).SubscriptionId).OfType<string>()
                .Select(subscription => ArmPaths.Provider(subscription)));
        }
        Stats.ZoneGroupsNotNeeded = _index.ZoneGroupsNotNeeded.Count;
        if (_index.ZoneGroupsNotNeeded.Count > 0)
            _log.Verbose($"{_index.ZoneGroupsNotNeeded.Count} private endpoint zone-group read(s) left out: a privatelink zone linked to the endpoint's VNet answers there");
        await ReadFallbackAsync(FleetFallbackRead.PrivateDnsZoneGroups, zoneGroups, cancellationToken).ConfigureAwait(false);
        await ReadFallbackAsync(FleetFallbackRead.DiagnosticSettings, diagnosticSettings, cancellationToken).ConfigureAwait(false);
        await ReadFallbackAsync(FleetFallbackRead.ProviderRegistration, providers, cancellationToken).ConfigureAwait(false);
    }

    private async Task RunQueryAsync(FleetQuery query, Action<JObject> route, CancellationToken cancellationToken)
    {
        _log.Debug($"Resource Graph query over {_scope}:\n{query}");
        try
        {
            await DrainAsync(query, _scope, route, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 401 or 403 && _scope.Subscriptions.Count > 1)
        {
            // One refused subscription fails the whole request: ask each alone, record those that refuse, keep the rest for later queries.
            _log.Warning($"Resource Graph refused the {query.Name} query over several subscriptions ({ex.ErrorCode ?? ex.Status.ToString()}); asking each subscription alone");
            var readable = new List<string>();
            foreach (var subscription in _scope.Subscriptions)
            {
                try
                {
                    await DrainAsync(query, ResourceGraphScope.OfSubscriptions(subscription), route, cancellationToken).ConfigureAwait(false);
                    readable.Add(subscription);
                }
                catch (RequestFailedException refused) when (refused.Status is 401 or 403)
                {
                    _index.UnreadableSubscriptions[subscription] = Error($"subscription {subscription}", subscription, refused,
                        "Microsoft.Resources/subscriptions/resources/read (Reader on the subscription)");
                    _log.Warning($"subscription {subscription} cannot be read: {refused.ErrorCode ?? refused.Status.ToString()}");
                }
                catch (Exception failed) when (IsFailure(failed))
                {
                    Fail(query, failed);
                    readable.Add(subscription);
                }
            }
            _scope = ResourceGraphScope.OfSubscriptions([.. readable]);
        }
        catch (Exception ex) when (IsFailure(ex))
        {
            Fail(query, ex);
        }
    }

    private async Task DrainAsync(FleetQuery query, ResourceGraphScope scope, Action<JObject> route, CancellationToken cancellationToken)
    {
        await foreach (var page in graph.QueryAsync(query.Text, scope, cancellationToken).ConfigureAwait(false))
        {
            Stats.PagesPerQuery[query.Name] = Stats.PagesPerQuery.GetValueOrDefault(query.Name) + 1;
            if (page.ResultTruncated) _log.Warning($"Resource Graph truncated the {query.Name} result");
            foreach (var row in page.Rows) route(row);
        }
    }

    /// <summary>Distinct paths in batches of at most <see cref="FleetScanOptions.FallbackBatchSize"/>; each failure kept per path.</summary>
    private async Task ReadFallbackAsync(FleetFallbackRead read, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var unique = paths.Distinct(ResourceId.Comparer).ToList();
        Stats.PathsPerRead[read.Read] = unique.Count;
        foreach (var batch in unique.Chunk(Math.Max(1, options.FallbackBatchSize)))
        {
            if (cancellationToken.IsCancellationRequested) return;
            Stats.BatchesPerRead[read.Read] = Stats.BatchesPerRead.GetValueOrDefault(read.Read) + 1;
            IReadOnlyDictionary<string, ArmRead> results;
            try
            {
                results = await arm.GetManyAsync(batch, read.ApiVersion, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFailure(ex))
            {
                foreach (var path in batch) _index.FailedReads[path] = Error(read.Read, path, ex, read.RequiredPermission);
                continue;
            }
            foreach (var path in batch)
            {
                if (results.TryGetValue(path, out var result) && result.Document is { } document) _index.AddFallback(path, document);
                else _index.FailedReads[path] = new CollectionError
                {
                    Read = read.Read, ResourceId = path, Status = result?.Status, ErrorCode = result?.ErrorCode,
                    Message = result?.Message ?? "no answer for this path in the batch", RequiredPermission = read.RequiredPermission,
                };
            }
        }
    }

    private void Fail(FleetQuery query, Exception ex)
    {
        _index.FailedQueries[query.Name] = Error(query.Name, null, ex, null);
        _log.Warning($"Resource Graph query {query.Name} failed: {Describe(ex)}; what it would have brought is recorded as not collected");
    }

    /// <summary>
    /// A failed read, including the deadline (--timeout cancels the token): recorded, and the scan goes on to assemble what
    /// it has, so a report always comes out. Anything else is a bug and propagates.
    /// </summary>
    private static bool IsFailure(Exception ex) =>
        ex is RequestFailedException or HttpRequestException or IOException or OperationCanceledException or Newtonsoft.Json.JsonException;

    private static CollectionError Error(string read, string? resourceId, Exception ex, string? permission) => new()
    {
        Read = read,
        ResourceId = resourceId,
        Status = (ex as RequestFailedException)?.Status is > 0 and var s ? s : null,
        ErrorCode = (ex as RequestFailedException)?.ErrorCode ?? (ex is OperationCanceledException ? "Timeout" : null),
        Message = Describe(ex),
        RequiredPermission = permission,
    };

    private static string Describe(Exception ex) => ex is OperationCanceledException
        ? "timed out (--timeout)"
        : ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? ex.GetType().Name;
}
