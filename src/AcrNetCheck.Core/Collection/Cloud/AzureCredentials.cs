using Azure.Core;
using Azure.Identity;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// The credentials <c>--auth</c> may pick, in the order <c>auto</c> tries them: an environment service principal, workload
/// identity, managed identity (which covers Azure Cloud Shell's MSI_ENDPOINT), the Azure CLI, the Azure Developer CLI.
/// <c>auto</c> is DefaultAzureCredential without the IDE and PowerShell sources, so it also honours
/// <c>AZURE_TOKEN_CREDENTIALS</c> the way every Azure SDK does.
/// </summary>
internal static class AzureCredentials
{
    public const string Auto = "auto";

    /// <summary>Valid <c>--auth</c> values and what each means to a person; the order is the order <c>auto</c> tries.</summary>
    public static IReadOnlyDictionary<string, string> Methods { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Auto] = "environment service principal, workload identity, managed identity (Cloud Shell), Azure CLI, Azure Developer CLI",
        ["environment"] = "environment service principal (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or certificate)",
        ["workload-identity"] = "workload identity (AZURE_FEDERATED_TOKEN_FILE)",
        ["managed-identity"] = "managed identity (Azure VM, App Service, Cloud Shell's MSI_ENDPOINT)",
        ["azure-cli"] = "Azure CLI (az login)",
        ["azure-developer-cli"] = "Azure Developer CLI (azd auth login)",
    };

    public static string Normalize(string? method)
    {
        var name = string.IsNullOrWhiteSpace(method) ? Auto : method.Trim();
        return Methods.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CollectionSetupException(SetupFailure.InvalidInput, $"--auth '{method}' is not valid; use one of: {string.Join(", ", Methods.Keys)}.");
    }

    /// <param name="processTimeout">How long the az / azd processes may take (bounded by --timeout).</param>
    public static TokenCredential Create(string method, AzureCloud cloud, TimeSpan processTimeout) => Normalize(method) switch
    {
        "environment" => new EnvironmentCredential(new EnvironmentCredentialOptions { AuthorityHost = cloud.ActiveDirectory }),
        "workload-identity" => new WorkloadIdentityCredential(new WorkloadIdentityCredentialOptions { AuthorityHost = cloud.ActiveDirectory }),
        "managed-identity" => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
        "azure-cli" => new AzureCliCredential(new AzureCliCredentialOptions { ProcessTimeout = processTimeout }),
        "azure-developer-cli" => new AzureDeveloperCliCredential(new AzureDeveloperCliCredentialOptions { ProcessTimeout = processTimeout }),
        _ => new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            AuthorityHost = cloud.ActiveDirectory,
            CredentialProcessTimeout = processTimeout,
            // Not what a CLI user on Linux or in Cloud Shell signs in with; each would only add a slow failure to the chain.
            ExcludeVisualStudioCredential = true,
            ExcludeVisualStudioCodeCredential = true,
            ExcludeAzurePowerShellCredential = true,
            ExcludeInteractiveBrowserCredential = true,
            ExcludeBrokerCredential = true,
        }),
    };
}
