using AcrNetCheck.Core.Collection.Cloud;

namespace AcrNetCheck.Cli;

/// <summary>
/// The Azure CLI settings the user already chose that shape how results are shown: <c>core.output</c>,
/// <c>core.no_color</c> and <c>core.only_show_errors</c>, from <c>AZURE_CORE_*</c> or the config file
/// (<see cref="AzureCliConfig.Setting"/>: the environment wins over the file). A command-line flag wins over both; the
/// commands apply that last step.
/// </summary>
public sealed record AzureCliPreferences(ConfiguredValue? Output, bool NoColor, bool OnlyShowErrors)
{
    public static AzureCliPreferences None { get; } = new(null, false, false);

    public static AzureCliPreferences Load(Func<string, string?> environment)
    {
        var config = AzureCliConfig.Load(environment);
        return new AzureCliPreferences(
            config.Setting("core", "output"),
            Boolean(config.Setting("core", "no_color")),
            Boolean(config.Setting("core", "only_show_errors")));
    }

    /// <summary>Python configparser's booleans, which the Azure CLI uses; anything else is a mistake worth naming.</summary>
    private static bool Boolean(ConfiguredValue? setting) => setting?.Value.ToLowerInvariant() switch
    {
        null => false,
        "1" or "yes" or "true" or "on" => true,
        "0" or "no" or "false" or "off" => false,
        _ => throw new UsageException($"{setting.Source} is '{setting.Value}', not a boolean; use true or false (as az config set does)."),
    };
}
