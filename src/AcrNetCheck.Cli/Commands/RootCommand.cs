using System.Reflection;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("acr-netcheck", Description = "Tells you why you cannot push to or pull from an Azure Container Registry over the network, and what to do about it.",
    ExtendedHelpText = """

Examples:
  Analyze a bundled sample (no Azure account needed):
    acr-netcheck analyze samples/private-endpoint-dns-not-linked.json -o table

  Diagnose a registry in the Azure CLI's current subscription:
    acr-netcheck diagnose -n contoso -o table

  List the causes acr-netcheck knows:
    acr-netcheck rules -o table
""")]
[VersionOptionFromMember("--version", MemberName = nameof(Version))]
public sealed class RootCommand
{
    public static string Version =>
        typeof(RootCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private int OnExecute(CommandLineApplication app)
    {
        app.ShowHelp();
        return ExitCodes.Ok;
    }
}
