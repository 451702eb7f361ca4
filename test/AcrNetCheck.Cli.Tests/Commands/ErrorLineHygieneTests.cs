using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>Issue 12: the one stderr error line is output too: a value echoed in it cannot drive the terminal or show a token.</summary>
public class ErrorLineHygieneTests
{
    [Fact]
    public async Task MissingFileNamedWithEscapesAndAToken_ErrorLineEscapedAndScrubbed()
    {
        const string token = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL21hbmFnZW1lbnQuYXp1cmUuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        var path = $"/nonexistent/\u001b[2J\u001b]0;owned\u0007Bearer {token}.json";

        var result = await CliRunner.RunAsync("analyze", path);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.StdErr);
        Assert.DoesNotContain('\u001b', result.StdErr);
        Assert.DoesNotContain('\u0007', result.StdErr);
        Assert.DoesNotContain(token, result.StdErr);
    }
}
