using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// What the signed-in caller may do on the registry and where a private endpoint goes: ARM's permissions API at the
/// registry's scope (roles assigned there, on its group and its subscription all count) and at each relevant subnet's scope
/// (<see cref="CallerPermissionScopes"/>: the <c>--from</c>/<c>--aks</c> subnets and those of the registry's approved private
/// endpoints, at most <see cref="CallerPermissionScopes.MaxSubnets"/>), each stored as answered under
/// <see cref="ArmPaths.CallerPermissions"/> so <c>analyze</c> replays it. Whether the caller may change network rules,
/// approve private endpoint connections or place private endpoints is the rules' business. All under the run's deadline;
/// a refusal names <c>Microsoft.Authorization/permissions/read</c>.
/// </summary>
internal sealed class CallerPermissionsCollector(IArmReader reader) : IArmDependentCollector
{
    public string Name => "permissions";

    // The registry's scope needs only its id, known before anything is read: a slow registry graph never delays that read.
    // The subnets are known once the graph is read (the private endpoints' documents name theirs); they are awaited here.
    public ArmMilestone Needs => ArmMilestone.Started;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var registryId = context.Target.ResourceId
            ?? throw new InvalidOperationException("The registry's resource id must be resolved before the permissions are read.");
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var registryScope = Read(reads, registryId, depth: 1);
        var subnetScopes = ReadSubnetScopesAsync(context, bundle, reads, cancellationToken);
        var documents = (await Task.WhenAll(registryScope, subnetScopes).ConfigureAwait(false)).SelectMany(d => d);
        foreach (var (path, document) in documents) (bundle.Arm ??= new ArmEvidence()).Resources[path] = document;
        // Only these reads' own errors, if any, are added: nothing else was read here.
        var errors = new EvidenceBundle();
        reads.WriteTo(errors, registryId, ApiVersions.Registry);
        bundle.CollectionErrors.AddRange(errors.CollectionErrors);
    }

    private async Task<IReadOnlyList<(string Path, JObject Document)>> ReadSubnetScopesAsync(
        CollectionContext context, EvidenceBundle started, ArmReads reads, CancellationToken cancellationToken)
    {
        EvidenceBundle collected;
        try
        {
            collected = context.ArmProgress is { } progress
                ? (await progress.Reached(ArmMilestone.Collected).WaitAsync(cancellationToken).ConfigureAwait(false))()
                : started;
        }
        catch (OperationCanceledException)
        {
            // Out of time before the graph named the subnets: the registry's scope, read by then, is still kept.
            return [];
        }
        var evidence = new EvidenceView(collected);
        var subnets = CallerPermissionScopes.Subnets(evidence);
        if (subnets.Count > CallerPermissionScopes.MaxSubnets)
            context.Log.Verbose($"permissions: {subnets.Count} subnets are relevant; the caller's permissions are read on the first {CallerPermissionScopes.MaxSubnets} only");
        var read = await Task.WhenAll(CallerPermissionScopes.Read(evidence).Select(subnet => Read(reads, subnet, depth: 2))).ConfigureAwait(false);
        return read.SelectMany(d => d).ToList();
    }

    /// <summary>The permissions API at <paramref name="scope"/>, as the document kept under its path; nothing when refused.</summary>
    private async Task<IReadOnlyList<(string Path, JObject Document)>> Read(ArmReads reads, string scope, int depth)
    {
        var path = ArmPaths.CallerPermissions(scope);
        var entries = await reads.Other("permissions", path, depth, token => reader.ListAsync(path, token)).ConfigureAwait(false);
        return entries is null ? [] : [(path, new JObject { ["id"] = path, ["value"] = new JArray(entries) })];
    }
}
