using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Diagnosis;
using AcrNetCheck.Core.Explain;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("diagnose", Description = "Collect the registry's evidence from Azure Resource Manager, run every rule on it and print the report.",
    ExtendedHelpText = """

Examples:
  Diagnose a registry in the Azure CLI's current subscription, as a table:
    acr-netcheck diagnose -n contoso -o table

  The finding ids, root cause first, from a registry given by login server:
    acr-netcheck diagnose -n contoso.azurecr.io -g rg-registry --query "findings[].id"

  Judge the path from an AKS node subnet, failing the script on warnings too:
    acr-netcheck diagnose -n contoso --from "/subscriptions/<id>/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-aks" --fail-on warning

  Every subnet of a VNet, or every agent pool of an AKS cluster, one line per group of identical verdicts:
    acr-netcheck diagnose -n contoso -o table --from "/subscriptions/<id>/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-spoke"
    acr-netcheck diagnose -n contoso -o table --aks aks-prod

  Every HTTP request to stderr (tokens redacted):
    acr-netcheck diagnose -n contoso --debug
""")]
public sealed class DiagnoseCommand(CliConsole console) : CollectingCommand(console)
{
    [Option(FailOnOption.Template, Description = FailOnOption.Description)]
    public string FailOn { get; set; } = "error";

    [Option("--error", Description = "The error the failing client printed (quoted), e.g. docker's: its symptom and values (the client IP ACR refused) become evidence. See 'acr-netcheck explain'.")]
    public string? ErrorText { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var output = ParseOutput();
        var failOn = FailOnOption.Parse(FailOn);
        using var progress = StartProgress();
        var reported = ErrorText is null ? null
            : string.IsNullOrWhiteSpace(ErrorText) ? throw new UsageException("--error got empty text: quote the error message the client printed.")
            : ErrorExplainer.Explain(ErrorText);
        var report = await DiagnosisService.DiagnoseAsync(ParseRequest() with { ReportedError = reported }, Console.Cancellation);
        progress.Dispose();
        OutputRenderer.Render(report, output, Console);
        return FailOnOption.ExitCodeFor(report, failOn);
    }
}
