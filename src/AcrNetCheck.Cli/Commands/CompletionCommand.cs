using AcrNetCheck.Cli.Rendering;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Commands;

[Command("completion", Description = "Print a shell completion script (bash, zsh or pwsh) for acr-netcheck's commands, options and -o values.",
    ExtendedHelpText = """

Examples:
  bash, for this shell and every new one:
    source <(acr-netcheck completion bash)
    echo 'source <(acr-netcheck completion bash)' >> ~/.bashrc

  zsh:
    echo 'source <(acr-netcheck completion zsh)' >> ~/.zshrc

  PowerShell:
    acr-netcheck completion pwsh | Out-String | Invoke-Expression
""")]
public sealed class CompletionCommand(CliConsole console)
{
    [Argument(0, Name = "shell", Description = "bash, zsh or pwsh.")]
    public string? Shell { get; set; }

    private int OnExecute(CommandLineApplication app)
    {
        var model = CompletionModel.From(app.Parent ?? app);
        var script = Shell?.ToLowerInvariant() switch
        {
            "bash" => CompletionScripts.Bash(model),
            "zsh" => CompletionScripts.Zsh(model),
            "pwsh" or "powershell" => CompletionScripts.PowerShell(model),
            null or "" => throw new UsageException("completion needs a shell: bash, zsh or pwsh. See 'acr-netcheck completion --help'."),
            _ => throw new UsageException($"completion: '{Shell}' is not a supported shell; use bash, zsh or pwsh."),
        };
        console.Out.Write(script);
        return ExitCodes.Ok;
    }
}
