using AcrNetCheck.Core.Diagnosis;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options shared by <c>diagnose</c> and <c>collect</c> beyond the target's (<see cref="AzureTargetCommand"/>): where the
/// client is and which collectors gather the evidence. Both make the same request, so <c>collect</c> + <c>analyze</c> equals <c>diagnose</c>.
/// </summary>
public abstract class CollectingCommand(CliConsole console) : AzureTargetCommand(console)
{
    [Option("--from", Description = "Resource id of the client's subnet, a VNet (every subnet), a VM, a scale set instance or a NIC: also read the NSGs, route tables and VNets on the path from there (for a VM or NIC also the routes and NSG rules Azure applies to the NIC; for a scale set instance Network Watcher's NSG diagnostic of its NIC).")]
    public string? From { get; set; }

    [Option("--aks", Description = "An AKS cluster (name in the subscription, or resource id): the path from its agent pools' subnets, as with --from, with Network Watcher's NSG diagnostic of one node per pool.")]
    public string? Aks { get; set; }

    [Option("--remote-probe", Description = "Run the probes on the client itself instead of here: on the --from VM through Run Command, or in the --aks cluster through its runCommand (a documented script that resolves, connects and fetches /v2/ without credentials; shown with --debug).")]
    public bool RemoteProbe { get; set; }

    [Option("--no-probes", Description = "Skip the client-side probes (DNS, TCP, TLS, /v2/, proxy) from this machine: configuration only.")]
    public bool NoProbes { get; set; }

    [Option("--no-logs", Description = "Skip the registry's login events (Log Analytics); no server-side view of failed logins.")]
    public bool NoLogs { get; set; }

    [Option(SinceOption.Template, Description = SinceOption.Description)]
    public string? Since { get; set; }

    [Option(PullTestOption.Template, CommandOptionType.SingleOrNoValue, ValueName = PullTestOption.ValueName, Description = PullTestOption.Description)]
    public (bool HasValue, string? Value) PullTest { get; set; }

    /// <summary>Every option checked, no network call yet; a mistake is a usage error.</summary>
    protected DiagnosisRequest ParseRequest()
    {
        var run = ParseRunSettings();
        var pullTest = PullTestOption.Parse(PullTest);
        if (pullTest is not null && NoProbes) throw new UsageException("--pull-test runs with the probes from this machine: drop --no-probes.");
        return new DiagnosisRequest
        {
            Target = Target,
            Run = run,
            Source = SourceOptions.Parse(From, Aks),
            RemoteProbe = RemoteProbe && SourceOptions.AllowsRemoteProbe(From, Aks),
            Since = SinceOption.Parse(Since),
            PullTest = pullTest,
            Sources = EvidenceSources.Arm | (NoProbes ? 0 : EvidenceSources.Probes) | (NoLogs ? 0 : EvidenceSources.LoginEvents),
        };
    }
}
