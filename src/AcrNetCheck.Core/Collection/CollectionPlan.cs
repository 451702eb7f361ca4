using AcrNetCheck.Core.Collection.Cloud;

namespace AcrNetCheck.Core.Collection;

/// <summary>What the user asked for on the command line; null means "not given" (the Azure CLI defaults then apply).</summary>
public sealed record CollectionRequest
{
    public string? Registry { get; init; }
    public string? ResourceGroup { get; init; }
    public string? Subscription { get; init; }
    public string? Cloud { get; init; }
    public string? Auth { get; init; }
}

/// <summary>
/// A request completed with the Azure CLI's configuration and checked, all before any network call: the registry
/// (-n, else <c>az configure --defaults acr</c>), its group (-g, the resource id, else <c>--defaults group</c>), the cloud
/// (--cloud, else the active one) and the credential.
/// </summary>
public sealed record CollectionPlan(RegistryReference Registry, string? ResourceGroup, string? GroupSource, string? Subscription, AzureCloud Cloud, string Auth, AzureCliConfig Config)
{
    public static CollectionPlan Prepare(CollectionRequest request, AzureCliConfig config)
    {
        var name = request.Registry ?? config.DefaultRegistry
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput, "no registry given: pass -n <name | login server | resource id> (or set one with 'az configure --defaults acr=<name>').");
        var registry = RegistryReference.Parse(name);
        var auth = AzureCredentials.Normalize(request.Auth);
        var cloud = config.ResolveCloud(request.Cloud);
        var (group, source) = request.ResourceGroup is { } g ? (g, "-g")
            : registry.ResourceGroup is { } fromId ? (fromId, "the resource id")
            : config.DefaultGroup is { } configured ? (configured, "az configure --defaults group")
            : ((string?)null, (string?)null);
        return new CollectionPlan(registry, group, source, request.Subscription ?? registry.SubscriptionId, cloud, auth, config);
    }
}
