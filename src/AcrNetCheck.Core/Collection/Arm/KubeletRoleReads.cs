using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// <c>az aks check-acr</c>'s question, read from ARM for <c>--aks</c>: the role assignments that apply at the registry, and
/// the definition of each role the cluster's kubelet identity holds there (whether it allows a pull is the rules' business).
/// The assignment list needs nothing but the registry's id, so it runs beside the cluster read; only the role definitions wait.
/// </summary>
internal sealed class KubeletRoleReads(ArmReads reads)
{
    public async Task RunAsync(string clusterId, string registryId)
    {
        var assignments = reads.List("roleAssignments", ArmPaths.RoleAssignments(registryId), 1);
        var cluster = await reads.Get("managedCluster", clusterId, 1).ConfigureAwait(false);
        var assigned = await assignments.ConfigureAwait(false);
        if (cluster is null || assigned is null || new ManagedClusterView(cluster).KubeletObjectId is not { } kubelet) return;

        // Every definition is read, AcrPull's too: a redacted bundle renames its well-known id, the permissions stay.
        var roles = assigned.Select(a => new RoleAssignmentView(a))
            .Where(a => string.Equals(a.PrincipalId, kubelet, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.RoleDefinitionId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
        await Task.WhenAll(roles.Select(role => reads.Get("roleDefinition", role, 2))).ConfigureAwait(false);
    }
}
