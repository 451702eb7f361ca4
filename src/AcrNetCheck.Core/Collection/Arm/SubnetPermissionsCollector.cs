using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// What the signed-in caller may do where a private endpoint goes: ARM's permissions API at each relevant subnet's scope
/// (<see cref="CallerPermissionScopes"/>: the <c>--from</c>/<c>--aks</c> subnets and those of the registry's approved private
/// endpoints, at most <see cref="CallerPermissionScopes.MaxSubnets"/>), stored as answered under
/// <see cref="ArmPaths.CallerPermissions"/> so <c>analyze</c> replays it. Under the run's deadline; a refusal names
/// <c>Microsoft.Authorization/permissions/read</c>. Whether the caller may place an endpoint there is the rules' business.
/// </summary>
internal sealed class SubnetPermissionsCollector(IArmReader reader) : IArmDependentCollector
{
    public string Name => "subnet permissions";

    // The private endpoints' documents name their subnets: awaited here rather than named as the milestone, so a run whose
    // graph runs out of time records no second timeout for reads that had nothing to read yet.
    public ArmMilestone Needs => ArmMilestone.Started;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        EvidenceBundle collected;
        try
        {
            collected = context.ArmProgress is { } progress
                ? (await progress.Reached(ArmMilestone.PrivateEndpointsRead).WaitAsync(cancellationToken).ConfigureAwait(false))()
                : bundle;
        }
        catch (OperationCanceledException)
        {
            // Out of time before the graph named the subnets: the rule says the subnet side was not checked.
            return;
        }
        var subnets = CallerPermissionScopes.Subnets(new EvidenceView(collected));
        if (subnets.Count == 0) return;
        if (subnets.Count > CallerPermissionScopes.MaxSubnets)
            context.Log.Verbose($"permissions: {subnets.Count} subnets are relevant; the caller's permissions are read on the first {CallerPermissionScopes.MaxSubnets} only");
        await CallerPermissionsCollector.ReadAsync(reader, context, bundle, CallerPermissionScopes.Read(subnets), cancellationToken).ConfigureAwait(false);
    }
}
