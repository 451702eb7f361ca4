using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Collection.Probes;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// The options shared by <c>diagnose</c> and <c>collect</c> beyond the target's (<see cref="AzureTargetCommand"/>): the
/// client's subnet and which collectors gather the evidence. Both run the same collectors, so <c>collect</c> + <c>analyze</c> equals <c>diagnose</c>.
/// </summary>
public abstract class CollectingCommand(CliConsole console) : AzureTargetCommand(console)
{
    [Option("--from", Description = "Resource id of the client's subnet: read its NSG, route table and VNet and judge the path from there.")]
    public string? FromSubnet { get; set; }

    [Option("--no-probes", Description = "Skip the client-side probes (DNS, TCP, TLS, /v2/, proxy) from this machine; judge from configuration only.")]
    public bool NoProbes { get; set; }

    [Option("--no-logs", Description = "Skip the registry's login events (Log Analytics); judge without the server's view of failed logins.")]
    public bool NoLogs { get; set; }

    [Option(SinceOption.Template, Description = SinceOption.Description)]
    public string? Since { get; set; }

    /// <summary>The collectors of a run, in order. ARM comes first: later collectors (probes, logs) use what it finds.</summary>
    protected override IReadOnlyList<IEvidenceCollector> Collectors(AzureSession session)
    {
        var collectors = new List<IEvidenceCollector> { new ArmCollector(session.Reader, new ArmCollectorOptions { VantageSubnetId = FromSubnet }) };
        if (!NoProbes) collectors.Add(new ProbeCollector(new ProbeOptions { Environment = Console.Environment }));
        if (!NoLogs) collectors.Add(LoginEventsCollector.For(session, SinceOption.Parse(Since)));
        return collectors;
    }

    protected override void ValidateOptions()
    {
        if (FromSubnet is { } from && !from.Contains("/subnets/", StringComparison.OrdinalIgnoreCase))
            throw new UsageException($"--from '{from}' is not a subnet resource id (…/virtualNetworks/<vnet>/subnets/<subnet>).");
        SinceOption.Parse(Since);
    }
}
