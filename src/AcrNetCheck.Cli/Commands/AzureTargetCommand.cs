using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options of every command that reads one registry from Azure (diagnose, collect, logs): which registry, where, plus
/// <see cref="AzureCommand"/>'s cloud, credential and timeout. The run itself is Core's <see cref="DiagnosisService"/>.
/// </summary>
public abstract class AzureTargetCommand(CliConsole console) : AzureCommand(console)
{
    [Option("-n|--name", Description = "The registry: name (contoso), login server (contoso.azurecr.io) or resource id. Default: az configure --defaults acr.")]
    public string? Registry { get; set; }

    [Option("-g|--resource-group", Description = "Its resource group. Default: from the resource id, az configure --defaults group, else found by listing the subscription's registries.")]
    public string? ResourceGroup { get; set; }

    [Option("--subscription", Description = "Subscription id or name. Default: the Azure CLI's current subscription (az account set).")]
    public string? Subscription { get; set; }

    /// <summary>The registry and where to look for it, as typed (Core completes it with the Azure CLI's defaults).</summary>
    protected CollectionRequest Target => new()
    {
        Registry = Registry, ResourceGroup = ResourceGroup, Subscription = Subscription, Cloud = Cloud, Auth = Auth,
    };
}
