using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// Finds the registry's resource id: directly when the resource group is known, else with one list call over the
/// subscription filtered on the registry type, matching the name as ARM does (case-insensitively).
/// </summary>
public static class RegistryLocator
{
    public const string RegistryType = "Microsoft.ContainerRegistry/registries";

    public static async Task<string> LocateAsync(IArmReader reader, RegistryReference registry, string subscriptionId, string? resourceGroup, CancellationToken cancellationToken)
    {
        if (resourceGroup is not null) return registry.ResourceIdIn(subscriptionId, resourceGroup);

        IReadOnlyList<string> ids;
        try
        {
            ids = await reader.FindResourceIdsAsync(subscriptionId, RegistryType, cancellationToken).ConfigureAwait(false);
        }
        catch (ArmReadException ex)
        {
            throw new CollectionSetupException(SetupFailure.RegistryNotFound,
                $"could not list the registries of subscription {subscriptionId} to find '{registry.Name}' (HTTP {ex.Status?.ToString() ?? "-"} {ex.ErrorCode}; " +
                $"needs {ArmResourceType.ReadPermission($"/subscriptions/{subscriptionId}/resources")}): pass the resource group with -g.", ex);
        }
        var matches = ids.Where(id => new ResourceId(id).Name.Equals(registry.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new CollectionSetupException(SetupFailure.RegistryNotFound,
                $"no registry named '{registry.Name}' in subscription {subscriptionId} ({ids.Count} registries listed); check the name, or pick the subscription with --subscription."),
            _ => throw new CollectionSetupException(SetupFailure.InvalidInput,
                $"registries named '{registry.Name}' exist in several resource groups ({string.Join(", ", matches.Select(m => new ResourceId(m).ResourceGroup))}); pass one with -g."),
        };
    }
}
