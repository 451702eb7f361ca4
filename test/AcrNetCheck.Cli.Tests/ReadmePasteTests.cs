using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests;

/// <summary>
/// Examples paste into bash as they are: a &lt;placeholder&gt; outside quotes would be read as a redirection
/// ("bash: id: No such file or directory"), so every one in a command is quoted.
/// </summary>
public sealed partial class ReadmePasteTests
{
    [Fact]
    public void ReadmeCommandExamples_QuoteTheirPlaceholders()
    {
        var lines = CodeBlockLines(File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md")));

        Assert.NotEmpty(lines);
        Assert.All(lines.Where(IsCommand), line => Assert.False(HasUnquotedPlaceholder(line), $"unquoted <placeholder>: {line}"));
    }

    [Theory]
    [InlineData("diagnose")]
    [InlineData("scan")]
    [InlineData("collect")]
    [InlineData("logs")]
    [InlineData("analyze")]
    [InlineData("explain")]
    public async Task HelpExamples_QuoteTheirPlaceholders(string command)
    {
        var help = (await CliRunner.RunAsync(command, "--help")).StdOut;

        var examples = help.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("acr-netcheck ")).ToList();
        Assert.NotEmpty(examples);
        Assert.All(examples, line => Assert.False(HasUnquotedPlaceholder(line), $"unquoted <placeholder>: {line}"));
    }

    [Fact]
    public void UnquotedPlaceholder_IsFound()
    {
        Assert.True(HasUnquotedPlaceholder("acr-netcheck diagnose --from /subscriptions/<id>/x"));
        Assert.False(HasUnquotedPlaceholder("acr-netcheck diagnose --from \"/subscriptions/<id>/x\""));
        Assert.False(HasUnquotedPlaceholder("acr-netcheck analyze bundle.json -o markdown > ticket.md"));
    }

    private static bool IsCommand(string line) => line.StartsWith("acr-netcheck ") || line.StartsWith("az ") || line.Contains("| acr-netcheck ");

    /// <summary>A '&lt;' starting a word-like placeholder (&lt;id&gt;, &lt;registry&gt;) outside single and double quotes.</summary>
    private static bool HasUnquotedPlaceholder(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quote is not null) { if (ch == quote) quote = null; continue; }
            if (ch is '\'' or '"') quote = ch;
            else if (ch == '#' && (i == 0 || line[i - 1] == ' ')) return false; // a comment
            else if (ch == '<' && Placeholder().IsMatch(line[i..])) return true;
        }
        return false;
    }

    [GeneratedRegex(@"^<[A-Za-z][\w| -]*>")]
    private static partial Regex Placeholder();

    private static List<string> CodeBlockLines(string markdown)
    {
        var lines = new List<string>();
        var inBlock = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```")) { inBlock = !inBlock; continue; }
            if (inBlock) lines.Add(line);
        }
        return lines;
    }
}
