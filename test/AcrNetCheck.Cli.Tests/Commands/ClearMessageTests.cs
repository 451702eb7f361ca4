using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>A mistake in the input is answered with what it is, in one line, exit 2: not a JSON parser's "line 0, position 0".</summary>
public sealed class ClearMessageTests
{
    [Fact]
    public async Task EmptyFile_SaysEmptyInput()
    {
        var path = CliRunner.WriteTemp("");
        try
        {
            var result = await CliRunner.RunAsync("analyze", path);

            Assert.Equal(ExitCodes.Usage, result.ExitCode);
            Assert.Equal($"error: {path}: empty input; expected an evidence bundle (JSON from 'acr-netcheck collect', or a file in samples/).\n", result.StdErr);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\n")]
    public async Task EmptyStdin_SaysEmptyInput(string stdin)
    {
        var result = await CliRunner.RunAsync(["analyze", "-"], stdin);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: stdin: empty input;", result.StdErr);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("probe")]
    public async Task Directory_SaysItIsADirectory(string command)
    {
        var directory = Path.GetTempPath().TrimEnd('/');
        string[] args = command == "probe" ? ["probe", "--bundle", directory] : ["analyze", directory];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"error: {directory} is a directory; give the path of an evidence bundle file (JSON), or - for stdin.\n", result.StdErr);
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("collect")]
    [InlineData("logs")]
    [InlineData("scan")]
    [InlineData("probe")]
    public async Task FractionalTimeout_SaysWholeSeconds_AndNamesTheSubcommandsHelp(string command)
    {
        var result = await CliRunner.RunAsync(command, "--timeout", "0.5");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal($"error: --timeout '0.5' is not a whole number of seconds; give whole seconds, e.g. 30. See 'acr-netcheck {command} --help'.\n", result.StdErr);
    }
}
