using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>The options of every command that signs in to Azure (diagnose, collect, scan): which cloud, as whom, for how long.</summary>
public abstract class AzureCommand(CliConsole console) : OutputCommand(console)
{
    [Option("--cloud", Description = "AzureCloud, AzureChinaCloud, AzureUSGovernment or a cloud registered with az cloud register. Default: the Azure CLI's active cloud.")]
    public string? Cloud { get; set; }

    [Option("--auth", Description = "Credential: auto (default: environment, workload identity, managed identity, Azure CLI, Azure Developer CLI), environment, workload-identity, managed-identity, azure-cli, azure-developer-cli.")]
    public string? Auth { get; set; }

    [Option("--timeout", Description = "Seconds the whole run may take (default 60); reads still pending then are reported as collection errors.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>--timeout as a span; zero or negative is a usage error.</summary>
    protected TimeSpan ParseTimeout() => TimeoutSeconds > 0
        ? TimeSpan.FromSeconds(TimeoutSeconds)
        : throw new UsageException($"--timeout must be a positive number of seconds, not {TimeoutSeconds}.");
}
