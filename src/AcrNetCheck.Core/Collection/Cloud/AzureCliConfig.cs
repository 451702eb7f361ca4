namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// The Azure CLI configuration the user already has (<c>AZURE_CONFIG_DIR</c>, default <c>~/.azure</c>): the active cloud
/// (<c>config</c> → <c>[cloud] name</c>), custom clouds (<c>clouds.config</c>), <c>az configure --defaults</c> values
/// (<c>[defaults] acr</c>, <c>group</c>) and the subscriptions of <c>az login</c> (<c>azureProfile.json</c>).
/// </summary>
public sealed class AzureCliConfig
{
    private readonly IniFile _config;
    private readonly IniFile _clouds;
    private readonly Lazy<IReadOnlyList<ProfileSubscription>> _subscriptions;

    private readonly Func<string, string?> _environment;

    private AzureCliConfig(string directory, Func<string, string?> environment)
    {
        Directory = directory;
        _environment = environment;
        _config = IniFile.Load(Path.Combine(directory, "config"));
        _clouds = IniFile.Load(Path.Combine(directory, "clouds.config"));
        _subscriptions = new(() => AzureProfile.Load(Path.Combine(directory, "azureProfile.json")));
    }

    /// <param name="environment">How the process environment is read (tests pass their own).</param>
    public static AzureCliConfig Load(Func<string, string?> environment)
    {
        var directory = environment("AZURE_CONFIG_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".azure");
        return new AzureCliConfig(directory, environment);
    }

    public string Directory { get; }

    /// <summary>The path of the <c>config</c> file, for messages about a value found in it.</summary>
    public string ConfigPath => Path.Combine(Directory, "config");

    /// <summary>
    /// A setting as the Azure CLI reads it (knack's <c>CLIConfig.get</c>): the environment variable
    /// <c>AZURE_&lt;SECTION&gt;_&lt;OPTION&gt;</c> wins over <c>[section] option</c> in the config file; command-line flags,
    /// which win over both, are the caller's. Source: https://learn.microsoft.com/cli/azure/azure-cli-configuration
    /// </summary>
    public ConfiguredValue? Setting(string section, string option)
    {
        var variable = $"AZURE_{section}_{option}".ToUpperInvariant();
        if (_environment(variable) is { Length: > 0 } fromEnvironment) return new ConfiguredValue(fromEnvironment.Trim(), variable);
        return _config.Get(section, option) is { } fromFile ? new ConfiguredValue(fromFile, $"{section}.{option} in {ConfigPath}") : null;
    }

    /// <summary>The cloud <c>az cloud set</c> chose; the CLI's default is AzureCloud.</summary>
    public string ActiveCloudName => _config.Get("cloud", "name") ?? AzureCloud.Public.Name;

    /// <summary><c>az configure --defaults acr=…</c></summary>
    public string? DefaultRegistry => _config.Get("defaults", "acr");

    /// <summary><c>az configure --defaults group=…</c></summary>
    public string? DefaultGroup => _config.Get("defaults", "group");

    public IReadOnlyList<ProfileSubscription> Subscriptions => _subscriptions.Value;

    /// <summary>The subscription <c>az account set</c> chose in <paramref name="cloud"/>.</summary>
    public ProfileSubscription? DefaultSubscription(string cloud) =>
        Subscriptions.FirstOrDefault(s => s.IsDefault && (s.CloudName is null || s.CloudName.Equals(cloud, StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The cloud named <paramref name="name"/> (else the active one): a built-in cloud, with any endpoint <c>az cloud update</c>
    /// changed, or a custom cloud <c>az cloud register</c> wrote to clouds.config.
    /// </summary>
    public AzureCloud ResolveCloud(string? name = null)
    {
        var wanted = name ?? ActiveCloudName;
        var builtIn = AzureCloud.BuiltIn.FirstOrDefault(c => c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        var section = _clouds.Sections.FirstOrDefault(s => s.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        if (section is null)
            return builtIn ?? throw new CollectionSetupException(SetupFailure.InvalidInput,
                $"unknown cloud '{wanted}': use AzureCloud, AzureChinaCloud, AzureUSGovernment or a cloud registered with 'az cloud register' (none named so in {Path.Combine(Directory, "clouds.config")}).");

        string? Value(string key) => _clouds.Get(section, key);
        var resourceManager = Value("endpoint_resource_manager") ?? builtIn?.ResourceManager.ToString()
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput, $"cloud '{section}' in clouds.config has no endpoint_resource_manager.");
        return new AzureCloud(
            builtIn?.Name ?? section,
            AbsoluteUri(resourceManager, section, "endpoint_resource_manager"),
            Value("endpoint_active_directory_resource_id") ?? Value("endpoint_management") ?? builtIn?.ManagementAudience ?? resourceManager,
            AbsoluteUri(Value("endpoint_active_directory") ?? builtIn?.ActiveDirectory.ToString() ?? AzureCloud.Public.ActiveDirectory.ToString(), section, "endpoint_active_directory"),
            // A custom cloud (Azure Stack, a sovereign or private cloud) has no public Log Analytics to fall back to: none means none.
            (Value("endpoint_log_analytics_resource_id") ?? builtIn?.LogAnalytics?.ToString()) is { } logAnalytics
                ? AbsoluteUri(logAnalytics, section, "endpoint_log_analytics_resource_id")
                : null,
            // The CLI stores the suffix with its leading dot (".azurecr.io").
            Value("suffix_acr_login_server_endpoint")?.TrimStart('.') ?? builtIn?.AcrLoginServerSuffix ?? AzureCloud.Public.AcrLoginServerSuffix);
    }

    private static Uri AbsoluteUri(string value, string cloud, string key) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new CollectionSetupException(SetupFailure.InvalidInput, $"cloud '{cloud}' in clouds.config: {key} '{value}' is not an absolute URL.");
}

/// <summary>A value from the Azure CLI's configuration and where it was found (an environment variable or the file), for messages.</summary>
public sealed record ConfiguredValue(string Value, string Source);
