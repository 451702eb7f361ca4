using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using Azure.ResourceManager;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// A signed-in connection (<see cref="ArmConnection"/>) with the target resolved: the subscription (id or name, else the
/// Azure CLI's default) and the registry's resource id.
/// </summary>
public sealed class AzureSession
{
    private readonly ArmConnection _connection;

    private AzureSession(ArmConnection connection, RegistryTarget target, string? registryLocation)
    {
        _connection = connection;
        Target = target;
        RegistryLocation = registryLocation;
    }

    public AzureCloud Cloud => _connection.Cloud;
    public IArmReader Reader => _connection.Reader;

    /// <summary>The signed-in credential, for the registry's own token exchange (--pull-test).</summary>
    internal Azure.Core.TokenCredential Credential => _connection.Credential;
    public RegistryTarget Target { get; }

    /// <summary>The registry's region when finding it told it (a lookup by name); null with -g, where no lookup is made.</summary>
    public string? RegistryLocation { get; }

    /// <inheritdoc cref="ArmConnection.CreatePipeline"/>
    public Azure.Core.Pipeline.HttpPipeline CreatePipeline(string scope) => _connection.CreatePipeline(scope);

    /// <param name="configure">Adjusts the ARM client options (tests give a transport that trusts their CA).</param>
    public static async Task<AzureSession> OpenAsync(CollectionPlan plan, ICollectionLog log, CollectionDeadline deadline, Action<ArmClientOptions>? configure = null)
    {
        var connection = await ArmConnection.OpenAsync(plan.Cloud, plan.Auth, log, deadline, configure).ConfigureAwait(false);
        return await OpenAsync(connection, plan, log, deadline.Token).ConfigureAwait(false);
    }

    /// <summary>The target resolved on a connection already signed in: the subscription, then the registry's resource id.</summary>
    public static async Task<AzureSession> OpenAsync(ArmConnection connection, CollectionPlan plan, ICollectionLog log, CancellationToken cancellationToken) =>
        await OpenAsync(connection, plan, await SubscriptionAsync(connection, plan, cancellationToken).ConfigureAwait(false), log, cancellationToken).ConfigureAwait(false);

    /// <summary>The subscription the registry is looked for in: --subscription, the registry id's, or the Azure CLI's default.</summary>
    public static Task<string> SubscriptionAsync(ArmConnection connection, CollectionPlan plan, CancellationToken cancellationToken)
    {
        var wanted = plan.Subscription ?? plan.Config.DefaultSubscription(plan.Cloud.Name)?.Id
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput,
                $"no subscription: pass --subscription, or run 'az login' / 'az account set' (no default subscription for {plan.Cloud.Name} in {plan.Config.Directory}).");
        return connection.SubscriptionIdAsync(wanted, plan.Config, cancellationToken);
    }

    /// <summary>The registry's resource id, found in <paramref name="subscription"/> (<see cref="SubscriptionAsync"/>) unless the plan names it.</summary>
    public static async Task<AzureSession> OpenAsync(ArmConnection connection, CollectionPlan plan, string subscription, ICollectionLog log, CancellationToken cancellationToken)
    {
        var registry = await RegistryLocator.LocateAsync(connection.Reader, plan.Registry, subscription, plan.ResourceGroup, cancellationToken).ConfigureAwait(false);
        var registryId = registry.Id;
        log.Verbose($"registry {registryId} in {plan.Cloud.Name}");
        return new AzureSession(connection, new RegistryTarget
        {
            Name = plan.Registry.Name,
            ResourceId = registryId,
            LoginServer = $"{plan.Registry.Name.ToLowerInvariant()}.{plan.Cloud.AcrLoginServerSuffix}",
            Cloud = plan.Cloud.Name,
            LoginServerSuffix = plan.Cloud.AcrLoginServerSuffix,
        }, registry.Location);
    }

    /// <summary>A registry that ARM says does not exist is a wrong name or group, not a partial result.</summary>
    public static void ThrowIfRegistryMissing(EvidenceBundle bundle, CollectionPlan plan)
    {
        if (bundle.Arm?.Registry is not null) return;
        var error = bundle.CollectionErrors.FirstOrDefault(e => e.Read == "registry" && e.Status == 404);
        if (error is null) return;
        var where = plan.GroupSource is { } source ? $" (resource group {plan.ResourceGroup} from {source})" : "";
        throw new CollectionSetupException(SetupFailure.RegistryNotFound, $"registry not found: {error.ResourceId}{where}: {error.ErrorCode} {error.Message}".TrimEnd());
    }
}
