using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

public class RulesCommandTests
{
    [Fact]
    public async Task Json_ListsEveryRuleOfTheCatalog()
    {
        var result = await CliRunner.RunAsync("rules");

        var entries = JArray.Parse(result.StdOut);
        Assert.Equal(RuleCatalog.All.Select(r => r.Id), entries.Select(e => e["id"]!.ToString()));
        Assert.All(entries.Where(e => e["severity"]!.ToString() != "info"), e => Assert.NotEmpty(e["symptoms"]!));
    }

    [Fact]
    public async Task Table_ShowsIdSeverityAreaTitle()
    {
        var result = await CliRunner.RunAsync("rules", "-o", "table");

        Assert.StartsWith("Id", result.StdOut);
        Assert.Contains("client.dns-unresolvable", result.StdOut);
        Assert.DoesNotContain("Cause", result.StdOut.Split('\n')[0]);
    }

    /// <summary>README's catalog is generated from the registry: regenerate it with `acr-netcheck rules -o markdown`.</summary>
    [Fact]
    public async Task ReadmeCatalog_EqualsTheGeneratedOne()
    {
        var generated = (await CliRunner.RunAsync("rules", "-o", "markdown")).StdOut.Trim();
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
        const string begin = "<!-- rules:begin -->", end = "<!-- rules:end -->";
        var start = readme.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, "README lacks the rules catalog markers");
        var inReadme = readme[(start + begin.Length)..readme.IndexOf(end, StringComparison.Ordinal)].Trim();

        Assert.Equal(generated, inReadme.ReplaceLineEndings("\n"));
    }
}
