using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests;

/// <summary>README's Layout section names every folder of src/ (find src -type d), so a newcomer's map matches the code.</summary>
public class ReadmeLayoutTests
{
    [Fact]
    public void LayoutSection_NamesEverySourceFolder()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
        var layout = Regex.Match(readme, "## Layout\\s+```(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var src = Path.Combine(CliRunner.RepoRoot, "src");
        var unnamed = Directory.EnumerateDirectories(src, "*", SearchOption.AllDirectories)
            .Select(d => Path.GetRelativePath(src, d).Replace('\\', '/'))
            .Where(d => !d.Split('/').Any(part => part is "bin" or "obj"))
            .Where(d => d.Contains('/') ? !layout.Contains(Path.GetFileName(d) + "/") : !layout.Contains("src/" + d))
            .ToList();

        Assert.Empty(unnamed);
    }
}
