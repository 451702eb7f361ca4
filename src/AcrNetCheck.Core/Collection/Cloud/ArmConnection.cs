using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Http;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// A signed-in connection to one cloud's ARM, before any target is chosen: the credential (tried once, up front) and the
/// reader whose pipeline carries the token, the retries and the request logging. <c>diagnose</c> resolves a registry on it
/// (<see cref="AzureSession"/>); <c>scan</c> queries Resource Graph through the same pipeline.
/// </summary>
public sealed class ArmConnection
{
    private readonly TokenCredential _credential;
    private readonly ArmClientOptions _options;

    private ArmConnection(AzureCloud cloud, ArmReader reader, TokenCredential credential, ArmClientOptions options, Task connected)
    {
        Cloud = cloud;
        Reader = reader;
        _credential = credential;
        _options = options;
        Connected = connected;
    }

    public AzureCloud Cloud { get; }
    public ArmReader Reader { get; }

    internal TokenCredential Credential => _credential;

    /// <summary>
    /// Completes when the connection to ARM is open (or could not be): from then on the run mostly waits on the network,
    /// so CPU work kept for later (warming the analysis up) no longer competes with the TLS handshake.
    /// </summary>
    internal Task Connected { get; }

    /// <param name="configure">Adjusts the ARM client options (tests give a transport that trusts their CA).</param>
    public static async Task<ArmConnection> OpenAsync(AzureCloud cloud, string auth, ICollectionLog log, CollectionDeadline deadline, Action<ArmClientOptions>? configure = null)
    {
        TrustStoreWarmUp.Start();
        var options = ArmReader.DefaultOptions(perTryTimeout: deadline.PerTryTimeout);
        options.AddPolicy(new RequestLoggingPolicy(log), HttpPipelinePosition.PerRetry);
        options.AddPolicy(new ResponseSizeLimitPolicy(), HttpPipelinePosition.BeforeTransport);
        options.Transport = SharedTransport.Create();
        configure?.Invoke(options);
        // The TLS connection to ARM (and the HTTP stack's first-use cost) is set up while the credential gets its token.
        // Not awaited: the first read joins that connection if it is ready, and never waits for the warm-up's answer. On a
        // pool thread, because building the pipeline and the first request is tens of milliseconds of CPU before its first
        // await, by which the sign-in (an az process to start, which takes longest with a real az) would otherwise wait.
        var connected = Task.Run(() => ArmReader.WarmUpAsync(cloud, options, deadline.Token));

        var credential = await SignIn.SignInAsync(AzureCredentials.Create(auth, cloud, deadline.CredentialProcessTimeout), auth, cloud, log, deadline.Token).ConfigureAwait(false);
        var reader = new ArmReader(cloud, credential, options);
        return new ArmConnection(cloud, reader, credential, options, connected);
    }

    /// <summary>
    /// A pipeline to another API of the same cloud (Log Analytics) with the connection's credential asked for
    /// <paramref name="scope"/>, and the same retries (429 Retry-After), request logging and transport as the ARM reads.
    /// </summary>
    public HttpPipeline CreatePipeline(string scope) =>
        HttpPipelineBuilder.Build(_options, new BearerTokenAuthenticationPolicy(_credential, scope));

    /// <summary>
    /// A subscription given by id or display name, as its id: an id as is, a name from the Azure CLI's profile, else from
    /// the subscriptions this sign-in can list. An unknown name is a usage error.
    /// </summary>
    public async Task<string> SubscriptionIdAsync(string wanted, AzureCliConfig config, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(wanted, out _)) return wanted;
        if (config.Subscriptions.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)) is { } known) return known.Id;

        IReadOnlyList<(string Id, string Name)> visible;
        try { visible = await Reader.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false); }
        catch (ArmReadException ex)
        {
            throw new CollectionSetupException(SetupFailure.InvalidInput, $"could not look up subscription '{wanted}' (HTTP {ex.Status?.ToString() ?? "-"} {ex.ErrorCode}); pass its id with --subscription.", ex);
        }
        return visible.FirstOrDefault(s => s.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase)).Id
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput, $"no subscription named '{wanted}' is visible to this sign-in ({visible.Count} are); pass its id with --subscription.");
    }
}
