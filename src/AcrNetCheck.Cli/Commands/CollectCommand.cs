using AcrNetCheck.Core.Collection.Redaction;
using AcrNetCheck.Core.Diagnosis;
using AcrNetCheck.Core.Evidence;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("collect", Description = "Collect the registry's evidence bundle from Azure Resource Manager (to attach to a ticket and replay with 'analyze').",
    ExtendedHelpText = """

Examples:
  Write the bundle to a file, then analyze it (the same report 'diagnose' prints):
    acr-netcheck collect -n contoso --out bundle.json
    acr-netcheck analyze bundle.json -o table

  Without subscription ids, resource group names or IP addresses, for a public ticket:
    acr-netcheck collect -n contoso --redact --out bundle.json

  Only the ARM resources that were read:
    acr-netcheck collect -n contoso --query "keys(arm.resources)"
""")]
public sealed class CollectCommand(CliConsole console) : CollectingCommand(console)
{
    public override string QueryExample => "keys(arm.resources)";

    [Option("--out", Description = "Write the bundle to this file instead of stdout.")]
    public string? OutFile { get; set; }

    [Option("--redact", Description = "Replace subscription ids, resource group names and IP addresses with placeholders (consistently within the bundle).")]
    public bool Redact { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var output = ParseOutput();
        using var progress = StartProgress();
        var request = ParseRequest();
        var outFile = OutFile is null ? null : OutputDestination.CheckFile("--out", OutFile);
        var bundle = await DiagnosisService.CollectAsync(request, Console.Cancellation);
        progress.Dispose();
        if (Redact) bundle = BundleRedactor.Redact(bundle);
        if (outFile is null)
        {
            Rendering.OutputRenderer.Render(bundle, output, Console);
            return ExitCodes.Ok;
        }
        await OutputDestination.WriteAsync(outFile, EvidenceLoader.Serialize(bundle) + Environment.NewLine, Console.Cancellation);
        Log.Verbose($"bundle written to {OutFile}");
        return ExitCodes.Ok;
    }
}
