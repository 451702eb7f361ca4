namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// Finds the registry's resource id: directly when the resource group is known (no round trip; the region is then known
/// only once the registry is read), else with one list call over the subscription filtered on the registry type,
/// matching the name as ARM does (case-insensitively), which also gives its region.
/// </summary>
internal static class RegistryLocator
{
    public const string RegistryType = "Microsoft.ContainerRegistry/registries";

    public static async Task<FoundResource> LocateAsync(IArmReader reader, RegistryReference registry, string subscriptionId, string? resourceGroup, CancellationToken cancellationToken)
    {
        if (resourceGroup is not null) return new FoundResource(registry.ResourceIdIn(subscriptionId, resourceGroup), Location: null);

        return await NamedResourceLookup.FindAsync(reader, subscriptionId, new NamedResourceQuery(
            RegistryType, registry.Name, "registry", "registries",
            ListFailedHint: "pass the resource group with -g",
            NotFoundHint: "check the name, or pick the subscription with --subscription",
            AmbiguousHint: "pass one with -g",
            NotFound: SetupFailure.RegistryNotFound), cancellationToken).ConfigureAwait(false);
    }
}
