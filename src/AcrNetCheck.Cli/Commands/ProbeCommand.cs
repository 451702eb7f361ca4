using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Collection.Probes.Dns;
using AcrNetCheck.Core.Diagnosis;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("probe", Description = "Probe a registry from this machine (DNS, TCP 443, TLS, the /v2/ challenge, proxies), without Azure access, and print the report.",
    ExtendedHelpText = """

Examples:
  What this machine sees of a registry, endpoint by endpoint:
    acr-netcheck probe contoso.azurecr.io -o table

  Include the data endpoints and ask the VNet's custom DNS server too:
    acr-netcheck probe contoso.azurecr.io --data-endpoint contoso.eastus.data.azurecr.io --dns-server 10.0.0.4

  Probe from a VM and add the result to a bundle collected elsewhere (its ARM evidence names every endpoint):
    acr-netcheck probe --bundle collected.json --out bundle.json -o none
""")]
public sealed class ProbeCommand(CliConsole console) : ReportCommand(console)
{
    [Argument(0, Name = "loginServer", Description = "The registry's login server, e.g. contoso.azurecr.io (optional with --bundle).")]
    public string? LoginServer { get; set; }

    [Option("--data-endpoint", Description = "A data endpoint to probe too (repeatable), e.g. contoso.eastus.data.azurecr.io.")]
    public string[] DataEndpoints { get; set; } = [];

    [Option("--dns-server", Description = "A DNS server to query as well, ip[:port] (e.g. the VNet's custom DNS).")]
    public string? DnsServer { get; set; }

    [Option(TimeoutOption.Template, Description = "Seconds the whole probe run may take (default 30, at most 86400); each probe gets a share of it.")]
    public int TimeoutSeconds { get; set; } = 30;

    [Option("--bundle", Description = "Start from this evidence bundle (e.g. from collect): its ARM evidence names the endpoints and private addresses.")]
    public string? BundlePath { get; set; }

    [Option("--out", Description = "Also save the evidence bundle to this file (for analyze, or a support ticket).")]
    public string? OutPath { get; set; }

    [Option(PullTestOption.Template, CommandOptionType.SingleOrNoValue, ValueName = PullTestOption.ValueName, Description = PullTestOption.Description)]
    public (bool HasValue, string? Value) PullTest { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var cancellationToken = Console.Cancellation;
        var output = ParseOutput();
        var failOn = ParseFailOn();
        var options = ParseProbeOptions();
        var run = RunSettings(TimeoutOption.Parse(TimeoutSeconds));
        var outPath = OutPath is null ? null : OutputDestination.CheckFile("--out", OutPath);

        var startFrom = BundlePath is null ? null : await ReadBundleAsync(BundlePath, cancellationToken);
        var bundle = await DiagnosisService.ProbeAsync(
            new ProbeRequest { Run = run, StartFrom = startFrom, LoginServer = LoginTarget(startFrom ?? new EvidenceBundle()), Options = options }, cancellationToken);
        if (outPath is not null)
        {
            await OutputDestination.WriteAsync(outPath, EvidenceLoader.Serialize(bundle), cancellationToken);
            Log.Verbose($"evidence bundle saved to {OutPath}");
        }

        var report = Analyzer.Analyze(bundle);
        OutputRenderer.Render(report, output, Console);
        return ExitCodeFor(report, failOn);
    }

    private ProbeOptions ParseProbeOptions()
    {
        var dnsServer = DnsServer is null ? null
            : NameServers.ParseServer(DnsServer) ?? throw new UsageException($"--dns-server '{DnsServer}' is not an IP address with an optional port (e.g. 10.0.0.4 or 10.0.0.4:53).");
        foreach (var host in DataEndpoints.Where(h => !IsHostName(h)))
            throw new UsageException($"--data-endpoint '{host}' is not a host name (e.g. contoso.eastus.data.azurecr.io).");
        return new ProbeOptions { DataEndpoints = DataEndpoints, DnsServer = dnsServer, Environment = Console.Environment, PullTest = PullTestOption.Parse(PullTest) };
    }

    /// <summary>The login server given, else the bundle's; one of them is needed.</summary>
    private string LoginTarget(EvidenceBundle bundle)
    {
        if (LoginServer is not null)
            return IsHostName(LoginServer) ? LoginServer.TrimEnd('.').ToLowerInvariant()
                : PullTestOption.LooksLikeItsImage(PullTest, LoginServer) ? throw new UsageException(PullTestOption.SpacedValueMessage(LoginServer))
                : throw new UsageException($"'{LoginServer}' is not a login server host name (e.g. contoso.azurecr.io, without https:// or a path).");
        return new EvidenceView(bundle).LoginServer
               ?? throw new UsageException("probe needs a login server (e.g. contoso.azurecr.io), or a --bundle whose target names it.");
    }

    private static bool IsHostName(string value) => Uri.CheckHostName(value.TrimEnd('.')) == UriHostNameType.Dns && value.Contains('.');
}
