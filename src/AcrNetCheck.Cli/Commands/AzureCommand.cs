using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>The options of every command that signs in to Azure (diagnose, collect, logs, scan): which cloud, as whom, for how long.</summary>
public abstract class AzureCommand(CliConsole console) : OutputCommand(console)
{
    [Option("--cloud", Description = "AzureCloud, AzureChinaCloud, AzureUSGovernment or a cloud registered with az cloud register. Default: the Azure CLI's active cloud.")]
    public string? Cloud { get; set; }

    [Option("--auth", Description = "Credential: auto (default: environment, workload identity, managed identity, Azure CLI, Azure Developer CLI), environment, workload-identity, managed-identity, azure-cli, azure-developer-cli.")]
    public string? Auth { get; set; }

    [Option(TimeoutOption.Template, Description = "Seconds the whole run may take (default 60, at most 86400); reads still pending then are reported as collection errors.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The run's settings with --timeout checked; a bad value is a usage error.</summary>
    protected RunSettings ParseRunSettings() => RunSettings(TimeoutOption.Parse(TimeoutSeconds));
}
