using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Core.Explain;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("explain", Description = "Explain an error message from docker, containerd, kubelet, az acr login or az acr check-health: the symptom, its candidate causes (rule ids) and the next command.",
    ExtendedHelpText = """

Examples:
  What a docker error means and what to run next:
    acr-netcheck explain "dial tcp: lookup contoso.azurecr.io on 10.0.0.10:53: no such host" -o table

  A pod's events, straight from kubectl:
    kubectl describe pod web-7c9f | acr-netcheck explain - -o table

  Only the rule ids to check:
    acr-netcheck explain "denied: client with IP '20.81.4.12' is not allowed access" --query "symptoms[].causes[].ruleId"
""")]
public sealed class ExplainCommand(CliConsole console) : OutputCommand(console)
{
    public override string QueryExample => "symptoms[].causes[].ruleId";

    /// <summary>Error lines and a pod's events fit many times over; a whole log file is not what explain reads.</summary>
    public const int MaxTextLength = 256 * 1024;

    [Argument(0, Name = "text", Description = "The error text (quote it), or - to read it from stdin.")]
    public string? Text { get; set; }

    private async Task<int> OnExecuteAsync()
    {
        var output = ParseOutput();
        var text = await ReadTextAsync();
        var explanation = ErrorExplainer.Explain(text);
        Log.Verbose($"recognised {explanation.Symptoms.Count} symptom(s) in {text.Length} characters");
        OutputRenderer.Render(explanation, output, Console);
        return ExitCodes.Ok;
    }

    private async Task<string> ReadTextAsync()
    {
        if (string.IsNullOrEmpty(Text)) throw new UsageException("explain needs the error text (quoted), or - for stdin. See 'acr-netcheck explain --help'.");
        var text = Text == "-" ? await Console.In.ReadToEndAsync(Console.Cancellation) : Text;
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException("explain got empty input: paste the error text, or pipe it to 'acr-netcheck explain -'.");
        if (text.Length > MaxTextLength)
            throw new UsageException($"the error text is {text.Length / 1024} KB, more than explain reads ({MaxTextLength / 1024} KB): give the error lines only.");
        return text;
    }
}
