using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// <c>--from &lt;subnet id | vnet id&gt;</c> and <c>--aks &lt;cluster name | id&gt;</c>: where the client is. Checked before any
/// network call; a cluster given by name is found in the registry's subscription once signed in.
/// </summary>
public static class SourceOptions
{
    public static VantageSource? Parse(string? from, string? aks)
    {
        if (from is not null && aks is not null) throw new UsageException("give --from or --aks, not both.");
        if (aks is not null)
            return aks.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) && !IsOfType(aks, ArmResourceType.ManagedClusters)
                ? throw new UsageException($"--aks '{aks}' is not a managed cluster resource id (…/providers/Microsoft.ContainerService/managedClusters/<name>); a cluster name works too.")
                : new VantageSource { Kind = VantageSourceKind.Aks, Id = aks };
        if (from is null) return null;
        if (IsOfType(from, "Microsoft.Network/virtualNetworks/subnets")) return new VantageSource { Kind = VantageSourceKind.Subnet, Id = from };
        if (IsOfType(from, "Microsoft.Network/virtualNetworks")) return new VantageSource { Kind = VantageSourceKind.Vnet, Id = from };
        throw new UsageException($"--from '{from}' is not a subnet or VNet resource id (…/virtualNetworks/<vnet>[/subnets/<subnet>]).");
    }

    /// <summary>An AKS cluster named without its id: the one of that name in <paramref name="subscriptionId"/>.</summary>
    public static async Task<VantageSource?> LocateAsync(VantageSource? source, IArmReader reader, string subscriptionId, CancellationToken cancellationToken)
    {
        if (source is not { Kind: VantageSourceKind.Aks, Id: { } name } || name.StartsWith('/')) return source;
        IReadOnlyList<string> clusters;
        try { clusters = await reader.FindResourceIdsAsync(subscriptionId, ArmResourceType.ManagedClusters, cancellationToken); }
        catch (ArmReadException ex)
        {
            throw new CollectionSetupException(SetupFailure.InvalidInput, $"could not list the AKS clusters of subscription {subscriptionId} to find '{name}' (HTTP {ex.Status?.ToString() ?? "-"} {ex.ErrorCode}); pass the cluster's resource id to --aks.", ex);
        }
        var matches = clusters.Where(id => new ResourceId(id).Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count == 1
            ? new VantageSource { Kind = VantageSourceKind.Aks, Id = matches[0] }
            : throw new CollectionSetupException(SetupFailure.InvalidInput, matches.Count == 0
                ? $"no AKS cluster named '{name}' in subscription {subscriptionId} ({clusters.Count} listed); pass the cluster's resource id to --aks."
                : $"AKS clusters named '{name}' exist in several resource groups ({string.Join(", ", matches.Select(m => new ResourceId(m).ResourceGroup))}); pass the resource id to --aks.");
    }

    private static bool IsOfType(string id, string type) =>
        id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) && !ArmResourceType.IsCollection(id)
        && ArmResourceType.Of(id).Equals(type, StringComparison.OrdinalIgnoreCase);
}
