using System.Xml;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// The registry's login events, summarized server-side (<see cref="LoginEventsKql"/>) over the last <paramref name="since"/>:
/// each workspace that receives them is read for its customer id and queried; a workspace that cannot be read is replaced by
/// one resource-centric query on the registry. Fills <see cref="EvidenceBundle.LoginEvents"/> when any query answered, and
/// records every failure (with the permission it needs) in <see cref="EvidenceBundle.CollectionErrors"/>. Never judges.
/// </summary>
/// <param name="client">Null when the cloud names no Log Analytics endpoint; the workspaces are then recorded as unqueried.</param>
public sealed class LoginEventsCollector(IArmReader reader, LogAnalyticsQueryClient? client, TimeSpan since, string? cloudName = null) : IArmDependentCollector
{
    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(24);

    public string Name => "logs";

    /// <summary>The workspaces to query are known once the diagnostic settings are read.</summary>
    public ArmMilestone Needs => ArmMilestone.DiagnosticSettingsRead;

    /// <summary>Queries through the cloud's Log Analytics endpoint with a token for that audience, over the session's pipeline.</summary>
    public static LoginEventsCollector For(AzureSession session, TimeSpan since) =>
        new(session.Reader,
            session.Cloud is { LogAnalytics: { } endpoint, LogAnalyticsScope: { } scope } ? new LogAnalyticsQueryClient(session.CreatePipeline(scope), endpoint) : null,
            since, session.Cloud.Name);

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var registryId = context.Target.ResourceId
            ?? throw new InvalidOperationException("The registry's resource id must be resolved before the login events are collected.");
        var workspaces = await LoginEventWorkspaces.FindAsync(reader, bundle, registryId, cancellationToken).ConfigureAwait(false);
        if (workspaces is not { Count: > 0 })
        {
            context.Log.Verbose(workspaces is null ? "logs: diagnostic settings unreadable; login events not queried" : "logs: no workspace receives ContainerRegistryLoginEvents; nothing to query");
            return;
        }

        if (client is null)
        {
            bundle.CollectionErrors.Add(new CollectionError
            {
                Read = "loginEvents",
                ResourceId = registryId,
                Message = $"cloud '{cloudName}' names no Log Analytics endpoint (endpoint_log_analytics_resource_id in the Azure CLI's clouds.config), so the login events were not queried",
            });
            return;
        }

        var run = new QueryRun(context, bundle, since, cancellationToken);
        var summaries = new List<IReadOnlyList<LoginEventGroup>>();
        var evidence = new LoginEventsEvidence { Timespan = XmlConvert.ToString(since) };
        var unreadable = false;
        foreach (var workspace in workspaces)
        {
            if (await CustomerIdAsync(workspace, bundle, cancellationToken).ConfigureAwait(false) is not { } customerId) { unreadable = true; continue; }
            var kql = LoginEventsKql.For(context.Target.LoginServer);
            if (await run.QueryAsync(workspace, kql, LogQueryErrors.WorkspaceQueryPermission, token => client.QueryWorkspaceAsync(customerId, kql, since, token)).ConfigureAwait(false) is not { } groups) continue;
            evidence.Workspaces.Add(workspace);
            summaries.Add(groups);
        }
        // One resource-centric query reads the registry's events in every workspace it can see: asked once, whichever were unreadable.
        if (unreadable)
        {
            var kql = LoginEventsKql.For(null);
            context.Log.Verbose("logs: a workspace could not be read; querying the registry's logs resource-centric instead");
            if (await run.QueryAsync(registryId, kql, LogQueryErrors.ResourceQueryPermission, token => client.QueryResourceAsync(registryId, kql, since, token)).ConfigureAwait(false) is { } groups)
            {
                evidence.ResourceCentric = registryId;
                summaries.Add(groups);
            }
        }
        if (summaries.Count == 0) return;
        evidence.Groups = LoginEventGroups.Merge(summaries);
        bundle.LoginEvents = evidence;
        context.Log.Verbose($"logs: {evidence.Groups.Count} login event group(s), {evidence.Groups.Sum(g => g.Count)} event(s) in {evidence.Timespan}");
    }

    /// <summary>The workspace's <c>properties.customerId</c> (the id the query API takes), or null with the failure recorded.</summary>
    private async Task<string?> CustomerIdAsync(string workspaceId, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        CollectionError Error(int? status, string? code, string message) => new()
        {
            Read = "logAnalyticsWorkspace", ResourceId = workspaceId, Status = status, ErrorCode = code, Message = message,
            RequiredPermission = ArmResourceType.ReadPermission(workspaceId),
        };
        try
        {
            var workspace = await reader.GetAsync(workspaceId, cancellationToken).ConfigureAwait(false);
            if (Evidence.Arm.ArmView.Str(workspace, "properties.customerId") is { Length: > 0 } customerId) return customerId;
            bundle.CollectionErrors.Add(Error(200, ArmReadException.MalformedBody, "the workspace has no properties.customerId"));
        }
        catch (ArmReadException ex)
        {
            bundle.CollectionErrors.Add(Error(ex.Status, ex.ErrorCode, ex.Message));
        }
        return null;
    }

    /// <summary>The queries of one run: the KQL shown once with --debug, each failure or partial answer recorded.</summary>
    private sealed class QueryRun(CollectionContext context, EvidenceBundle bundle, TimeSpan since, CancellationToken cancellationToken)
    {
        private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<LoginEventGroup>?> QueryAsync(string scope, string kql, string permission, Func<CancellationToken, Task<LogAnalyticsTable>> query)
        {
            if (_shown.Add(kql)) context.Log.Debug($"Log Analytics query (timespan {XmlConvert.ToString(since)}):\n{kql}");
            try
            {
                var table = await query(cancellationToken).ConfigureAwait(false);
                if (table.PartialError is { } partial) bundle.CollectionErrors.Add(LogQueryErrors.Partial(scope, partial));
                return LoginEventSummary.Read(table);
            }
            catch (Exception ex) when (LogQueryErrors.From(ex, scope, permission, context.Timeout) is { } error)
            {
                bundle.CollectionErrors.Add(error);
                return null;
            }
        }
    }
}
