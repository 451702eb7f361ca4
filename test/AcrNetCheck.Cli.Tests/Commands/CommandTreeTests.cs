using System.Reflection;
using AcrNetCheck.Cli.Commands;
using AcrNetCheck.Cli.Tests.Support;
using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// The command tree is written out in code (for the Native AOT build), and a run builds only the command it names: no
/// command may be missing from it, and a run must behave as if every command were there.
/// </summary>
public sealed class CommandTreeTests
{
    private static CliConsole Console => new(new StringWriter(), new StringWriter(), new StringReader(""), _ => null, false);

    [Fact]
    public void EveryCommandClass_IsInTheTree_UnderItsAttributesName()
    {
        var declared = typeof(CommandTree).Assembly.GetTypes()
            .Where(t => t != typeof(RootCommand) && t.GetCustomAttribute<CommandAttribute>() is not null)
            .Select(t => t.GetCustomAttribute<CommandAttribute>()!.Name)
            .Order();

        Assert.Equal(declared, CommandTree.Build(Console, []).Commands.Select(c => c.Name).Order());
        Assert.Equal(declared, CommandTree.Commands.Select(c => c.Name).Order());
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("analyze")]
    [InlineData("scan")]
    public void NamedCommand_IsTheOnlyOneBuilt(string name) =>
        Assert.Equal([name], CommandTree.Build(Console, [name, "--help"]).Commands.Select(c => c.Name));

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("diagnoze")]
    [InlineData("Diagnose")]
    [InlineData("completion", "bash")]
    public void NoExactCommandOrCompletion_BuildsThemAll(params string[] args) =>
        Assert.Equal(CommandTree.Commands.Count, CommandTree.Build(Console, args).Commands.Count);

    [Fact]
    public async Task RootHelp_StillListsEveryCommand()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.All(CommandTree.Commands, c => Assert.Contains($"  {c.Name} ", result.StdOut));
    }

    [Theory]
    [InlineData("diagnose", true)]
    [InlineData("collect", true)]
    [InlineData("probe", true)]
    [InlineData("logs", true)]
    [InlineData("scan", true)]
    [InlineData("analyze", false)]
    [InlineData("rules", false)]
    [InlineData("--version", false)]
    public void TrustStoreWarmUp_OnlyForCommandsThatConnect(string first, bool connects) =>
        Assert.Equal(connects, CommandTree.Connects([first]));
}
