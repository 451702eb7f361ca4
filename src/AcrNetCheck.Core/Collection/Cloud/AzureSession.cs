using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Http;
using AcrNetCheck.Core.Evidence;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// A signed-in connection to one cloud's ARM with the target resolved: the credential (tried once, up front), the reader,
/// the subscription (id or name, else the Azure CLI's default) and the registry's resource id.
/// </summary>
public sealed class AzureSession
{
    private readonly TokenCredential _credential;
    private readonly ArmClientOptions _options;

    private AzureSession(AzureCloud cloud, IArmReader reader, RegistryTarget target, TokenCredential credential, ArmClientOptions options)
    {
        Cloud = cloud;
        Reader = reader;
        Target = target;
        _credential = credential;
        _options = options;
    }

    public AzureCloud Cloud { get; }
    public IArmReader Reader { get; }
    public RegistryTarget Target { get; }

    /// <param name="configure">Adjusts the ARM client options (tests give a transport that trusts their CA).</param>
    public static async Task<AzureSession> OpenAsync(CollectionPlan plan, ICollectionLog log, CollectionDeadline deadline, Action<ArmClientOptions>? configure = null)
    {
        var options = ArmReader.DefaultOptions(perTryTimeout: TimeSpan.FromTicks(Math.Min(deadline.Timeout.Ticks, TimeSpan.FromSeconds(20).Ticks)));
        options.AddPolicy(new RequestLoggingPolicy(log), HttpPipelinePosition.PerRetry);
        configure?.Invoke(options);
        // The TLS connection to ARM (and the HTTP stack's first-use cost) is set up while the credential gets its token.
        var warmUp = ArmReader.WarmUpAsync(plan.Cloud, options, deadline.Token);

        var processTimeout = TimeSpan.FromTicks(Math.Min(deadline.Timeout.Ticks, TimeSpan.FromSeconds(30).Ticks));
        var credential = await SignIn.SignInAsync(AzureCredentials.Create(plan.Auth, plan.Cloud, processTimeout), plan.Auth, plan.Cloud, log, deadline.Token).ConfigureAwait(false);
        var reader = new ArmReader(plan.Cloud, credential, options);
        await warmUp.ConfigureAwait(false);

        var subscription = await SubscriptionIdAsync(plan, reader, deadline.Token).ConfigureAwait(false);
        var registryId = await RegistryLocator.LocateAsync(reader, plan.Registry, subscription, plan.ResourceGroup, deadline.Token).ConfigureAwait(false);
        log.Verbose($"registry {registryId} in {plan.Cloud.Name}");
        return new AzureSession(plan.Cloud, reader, new RegistryTarget
        {
            Name = plan.Registry.Name,
            ResourceId = registryId,
            LoginServer = $"{plan.Registry.Name.ToLowerInvariant()}.{plan.Cloud.AcrLoginServerSuffix}",
            Cloud = plan.Cloud.Name,
            LoginServerSuffix = plan.Cloud.AcrLoginServerSuffix,
        }, credential, options);
    }

    /// <summary>
    /// A pipeline to another API of the same cloud (Log Analytics) with the session's credential asked for
    /// <paramref name="scope"/>, and the same retries (429 Retry-After), request logging and transport as the ARM reads.
    /// </summary>
    public HttpPipeline CreatePipeline(string scope) =>
        HttpPipelineBuilder.Build(_options, new BearerTokenAuthenticationPolicy(_credential, scope));

    /// <summary>The subscription as given (id or display name), else the one <c>az account set</c> chose.</summary>
    private static async Task<string> SubscriptionIdAsync(CollectionPlan plan, IArmReader reader, CancellationToken cancellationToken)
    {
        var wanted = plan.Subscription ?? plan.Config.DefaultSubscription(plan.Cloud.Name)?.Id
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput,
                $"no subscription: pass --subscription, or run 'az login' / 'az account set' (no default subscription for {plan.Cloud.Name} in {plan.Config.Directory}).");
        if (Guid.TryParse(wanted, out _)) return wanted;
        if (plan.Config.Subscriptions.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)) is { } known) return known.Id;

        IReadOnlyList<(string Id, string Name)> visible;
        try { visible = await reader.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false); }
        catch (ArmReadException ex)
        {
            throw new CollectionSetupException(SetupFailure.InvalidInput, $"could not look up subscription '{wanted}' (HTTP {ex.Status?.ToString() ?? "-"} {ex.ErrorCode}); pass its id with --subscription.", ex);
        }
        return visible.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)).Id
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput, $"no subscription named '{wanted}' is visible to this sign-in ({visible.Count} are); pass its id with --subscription.");
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
