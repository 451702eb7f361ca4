using AcrNetCheck.Core.Reporting;
using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Samples;

/// <summary>
/// samples/ is the embedded default a new user runs first. Each file is the approved copy of its definition, and
/// samples/README.md states the error/warning ids it must produce and its first (root-cause) finding.
/// </summary>
public partial class SampleTests
{
    private static readonly string SamplesDir = Path.Combine(CliRunner.RepoRoot, "samples");

    public static TheoryData<string> Names => new(SampleDefinitions.All.Keys);

    /// <summary>UPDATE_SAMPLES=1 dotnet test … rewrites the files from the definitions; review the diff like code.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void SampleFile_IsTheApprovedCopyOfItsDefinition(string name)
    {
        var bundle = SampleDefinitions.All[name]();
        bundle.Tool = new ToolInfo { Version = "0.1.0" };
        bundle.CollectedAt = DateTimeOffset.Parse("2026-11-24T10:00:00Z");
        var expected = EvidenceLoader.Serialize(bundle) + "\n";
        var path = Path.Combine(SamplesDir, name + ".json");
        if (Environment.GetEnvironmentVariable("UPDATE_SAMPLES") == "1") File.WriteAllText(path, expected);

        Assert.True(File.Exists(path), $"{path} missing: run the tests once with UPDATE_SAMPLES=1");
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Sample_ProducesExactlyItsExpectedIds_RootCauseFirst(string name)
    {
        var expectation = Expectations()[name];

        var result = await CliRunner.RunAsync("analyze", Path.Combine(SamplesDir, name + ".json"));

        var report = JObject.Parse(result.StdOut);
        var ids = report["findings"]!.Where(f => f["severity"]!.ToString() is "error" or "warning").Select(f => f["id"]!.ToString()).Distinct().Order();
        Assert.Equal(expectation.Ids.Order(), ids);
        Assert.Equal(expectation.First, report["findings"]!.FirstOrDefault()?["id"]?.ToString() ?? "none");
        var hasError = expectation.Ids.Any(id => RuleCatalog.Find(id)?.Descriptor.Severity == Severity.Error);
        Assert.Equal(hasError ? 3 : 0, result.ExitCode);
    }

    /// <summary>Every rule, info included, is shown by some sample: a reader can see each finding before meeting it.</summary>
    [Fact]
    public void EveryRule_FiresInSomeSample()
    {
        var fired = SampleDefinitions.All.Values
            .SelectMany(define => Analyzer.Analyze(define()).Findings.Select(f => f.Id))
            .ToHashSet();

        var unshown = RuleCatalog.All.Select(r => r.Descriptor.Id).Where(id => !fired.Contains(id)).ToList();
        Assert.True(unshown.Count == 0, "no sample shows " + string.Join(", ", unshown));
    }

    /// <summary>A registry that works is healthy: a standing advisory is info, never a warning that turns it "unhealthy".</summary>
    [Fact]
    public async Task HealthyPrivateEndpointSample_IsHealthy()
    {
        var result = await CliRunner.RunAsync("analyze", Path.Combine(SamplesDir, "private-endpoint-healthy.json"), "--query", "status", "-o", "tsv");

        Assert.Equal("healthy", result.StdOut.Trim());
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public void SamplesReadme_DescribesExactlyTheSampleFiles()
    {
        var files = Directory.EnumerateFiles(SamplesDir, "*.json").Select(Path.GetFileNameWithoutExtension).Order();

        Assert.Equal(files, Expectations().Keys.Order());
        Assert.Equal(files, SampleDefinitions.All.Keys.Order());
    }

    [Fact]
    public void EveryProblemRule_IsShownBySomeSample()
    {
        var shown = Expectations().Values.SelectMany(e => e.Ids).ToHashSet();
        var problems = RuleCatalog.All.Where(r => r.Descriptor.Severity > Severity.Info).Select(r => r.Id);

        var unshown = problems.Where(id => !shown.Contains(id)).ToList();
        Assert.True(unshown.Count == 0, $"no sample shows: {string.Join(", ", unshown)}");
    }

    private sealed record Expectation(IReadOnlyList<string> Ids, string First);

    /// <summary>Rows of samples/README.md: | [name.json](name.json) | what it shows | `id`, `id` | `first` |.</summary>
    private static Dictionary<string, Expectation> Expectations()
    {
        var rows = File.ReadAllLines(Path.Combine(SamplesDir, "README.md")).Where(l => l.StartsWith("| [", StringComparison.Ordinal));
        return rows.Select(r => r.Split('|', StringSplitOptions.TrimEntries)).ToDictionary(
            cells => FileName().Match(cells[1]).Groups[1].Value,
            cells => new Expectation(Ids().Matches(cells[3]).Select(m => m.Groups[1].Value).ToList(), Ids().Match(cells[4]) is { Success: true } m ? m.Groups[1].Value : "none"));
    }

    [GeneratedRegex(@"\[([a-z0-9-]+)\.json\]")]
    private static partial Regex FileName();

    [GeneratedRegex(@"`([a-z]+\.[a-z0-9-]+)`")]
    private static partial Regex Ids();
}
