using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// What the signed-in caller may do on the registry: ARM's permissions API at the registry's scope (roles assigned there,
/// on its group and its subscription all count), stored as answered under <see cref="ArmPaths.CallerPermissions"/> so
/// <c>analyze</c> replays it. Whether the caller may change network rules, approve private endpoint connections or create
/// private endpoints is the rules' business. One read, under the run's deadline; a refusal names
/// <c>Microsoft.Authorization/permissions/read</c>.
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
        var path = ArmPaths.CallerPermissions(registryId);
        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var entries = await reads.Other("permissions", path, 1, token => reader.ListAsync(path, token)).ConfigureAwait(false);
        if (entries is not null)
            (bundle.Arm ??= new ArmEvidence()).Resources[path] = new JObject { ["id"] = path, ["value"] = new JArray(entries) };
        // Only the read's own error, if any, is added: nothing else was read here.
        var errors = new EvidenceBundle();
        reads.WriteTo(errors, registryId, ApiVersions.Registry);
        bundle.CollectionErrors.AddRange(errors.CollectionErrors);
    }
}
