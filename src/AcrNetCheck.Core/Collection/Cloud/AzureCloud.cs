namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// The endpoints of one Azure cloud that acr-netcheck talks to, named as the Azure CLI names them in <c>clouds.config</c>.
/// Values of the built-in clouds are those <c>az cloud show</c> prints (azure-cli <c>azure/cli/core/cloud.py</c>).
/// </summary>
public sealed record AzureCloud(
    string Name,
    Uri ResourceManager,
    string ManagementAudience,
    Uri ActiveDirectory,
    Uri? LogAnalytics,
    string AcrLoginServerSuffix)
{
    public static readonly AzureCloud Public = new("AzureCloud",
        new("https://management.azure.com/"), "https://management.core.windows.net/", new("https://login.microsoftonline.com/"),
        new("https://api.loganalytics.io/"), "azurecr.io");

    public static readonly AzureCloud China = new("AzureChinaCloud",
        new("https://management.chinacloudapi.cn/"), "https://management.core.chinacloudapi.cn/", new("https://login.chinacloudapi.cn/"),
        new("https://api.loganalytics.azure.cn/"), "azurecr.cn");

    public static readonly AzureCloud UsGovernment = new("AzureUSGovernment",
        new("https://management.usgovcloudapi.net/"), "https://management.core.usgovcloudapi.net/", new("https://login.microsoftonline.us/"),
        new("https://api.loganalytics.us/"), "azurecr.us");

    public static IReadOnlyList<AzureCloud> BuiltIn { get; } = [Public, China, UsGovernment];

    /// <summary>The OAuth scope of ARM tokens: the management audience with <c>/.default</c>.</summary>
    public string ManagementScope => ManagementAudience.TrimEnd('/') + "/.default";

    /// <summary>
    /// The OAuth scope of Log Analytics query tokens: the endpoint is also the audience (the CLI's
    /// <c>endpoint_log_analytics_resource_id</c>, e.g. <c>https://api.loganalytics.io</c>); null when the cloud names none.
    /// </summary>
    public string? LogAnalyticsScope => LogAnalytics is null ? null : LogAnalytics.ToString().TrimEnd('/') + "/.default";
}
