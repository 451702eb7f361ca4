using System.Diagnostics;
using System.Reflection;
using AcrNetCheck.Cli.Commands;
using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Cli.Tests.Support;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>`acr-netcheck completion`: the scripts, generated from the command model, complete what a user types.</summary>
public class CompletionCommandTests
{
    [Theory]
    [InlineData("acr-netcheck diag", "diagnose")]
    [InlineData("acr-netcheck ex", "explain")]
    [InlineData("acr-netcheck diagnose --fail", "--fail-on")]
    [InlineData("acr-netcheck diagnose -n contoso -o ta", "table")]
    [InlineData("acr-netcheck analyze samples/x.json --output mark", "markdown")]
    [InlineData("acr-netcheck probe contoso.azurecr.io --data", "--data-endpoint")]
    public async Task Bash_SourcedInBash_CompletesTheWord(string line, string expected)
    {
        var completions = await CompleteInBashAsync(line);

        Assert.Equal([expected], completions);
    }

    [Fact]
    public async Task Bash_OffersEveryCommandAtTheStart()
    {
        var commands = CommandTree.Commands.Select(c => c.Name).ToHashSet();

        var completions = await CompleteInBashAsync("acr-netcheck ");

        Assert.Subset(completions.ToHashSet(), commands);
    }

    [Theory]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName 'acr-netcheck'")]
    public async Task OtherShells_GetTheirScript(string shell, string marker)
    {
        var result = await CliRunner.RunAsync("completion", shell);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(marker, result.StdOut);
        foreach (var format in OutputRenderer.Formats.Keys) Assert.Contains(format, result.StdOut);
        Assert.Contains("'diagnose'", result.StdOut.Replace("diagnose)", "'diagnose'"));
    }

    [Fact]
    public async Task UnknownShell_IsOneUsageLine()
    {
        var result = await CliRunner.RunAsync("completion", "fish");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: completion: 'fish' is not a supported shell; use bash, zsh or pwsh.", result.StdErr.TrimEnd());
    }

    /// <summary>Sources the generated script in a real bash and asks its completion function, as bash does on Tab.</summary>
    private static async Task<string[]> CompleteInBashAsync(string line)
    {
        var script = (await CliRunner.RunAsync("completion", "bash")).StdOut;
        var path = Path.Combine(Path.GetTempPath(), $"acr-netcheck-completion-{Guid.NewGuid():N}.bash");
        await File.WriteAllTextAsync(path, script);
        try
        {
            var start = new ProcessStartInfo("bash", ["--norc", "--noprofile", "-c",
                "source \"$1\"; read -ra COMP_WORDS <<< \"$2\"; [[ $2 == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); " +
                "cd \"$3\"; _acr_netcheck; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash", path, line, Path.GetTempPath()])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var bash = Process.Start(start)!;
            var output = await bash.StandardOutput.ReadToEndAsync();
            await bash.WaitForExitAsync();
            Assert.True(bash.ExitCode == 0, await bash.StandardError.ReadToEndAsync());
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        finally { File.Delete(path); }
    }
}
