using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// What the signed-in caller may do on the registry: ARM's permissions API at the registry's scope (roles assigned there,
/// on its group and its subscription all count), stored as answered under <see cref="ArmPaths.CallerPermissions"/> so
/// <c>analyze</c> replays it. Whether the caller may change network rules or approve private endpoint connections is the
/// rules' business. One read, under the run's deadline; a refusal names <c>Microsoft.Authorization/permissions/read</c>.
/// The subnet side (where a private endpoint goes) is <see cref="SubnetPermissionsCollector"/>'s.
/// </summary>
internal sealed class CallerPermissionsCollector(IArmReader reader) : IArmDependentCollector
{
    public string Name => "permissions";

    // Only the registry's id is needed, known before anything is read: a slow registry graph never delays this read.
    public ArmMilestone Needs => ArmMilestone.Started;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        var registryId = context.Target.ResourceId
            ?? throw new InvalidOperationException("The registry's resource id must be resolved before the permissions are read.");
        await ReadAsync(reader, context, bundle, [registryId], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The permissions API at each of <paramref name="scopes"/>, side by side, each kept under its path in
    /// <paramref name="bundle"/>; only these reads' own errors are added.
    /// </summary>
    internal static async Task ReadAsync(IArmReader reader, CollectionContext context, EvidenceBundle bundle, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var answers = await Task.WhenAll(scopes.Select(async scope =>
        {
            var path = ArmPaths.CallerPermissions(scope);
            var entries = await reads.Other("permissions", path, 1, token => reader.ListAsync(path, token)).ConfigureAwait(false);
            return (Path: path, Entries: entries);
        })).ConfigureAwait(false);
        foreach (var (path, entries) in answers.Where(a => a.Entries is not null))
            (bundle.Arm ??= new ArmEvidence()).Resources[path] = new JObject { ["id"] = path, ["value"] = new JArray(entries!) };
        var errors = new EvidenceBundle();
        reads.WriteTo(errors, registryId: "", ApiVersions.Registry);
        bundle.CollectionErrors.AddRange(errors.CollectionErrors);
    }
}
