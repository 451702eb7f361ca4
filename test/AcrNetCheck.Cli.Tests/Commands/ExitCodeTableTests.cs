using System.Reflection;
using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>README's "Exit codes" table is the contract scripts read: it lists exactly the codes the tool can return.</summary>
public sealed class ExitCodeTableTests
{
    [Fact]
    public void ReadmeTable_ListsEveryExitCodeOnce()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
        var section = readme[readme.IndexOf("## Exit codes", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var documented = Regex.Matches(section, @"^\| (\d+) \|", RegexOptions.Multiline).Select(m => int.Parse(m.Groups[1].Value)).ToList();

        var codes = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).Order().ToList();

        Assert.Equal(codes, documented);
    }
}
