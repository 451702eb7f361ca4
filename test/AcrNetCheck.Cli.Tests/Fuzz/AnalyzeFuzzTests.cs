using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace AcrNetCheck.Cli.Tests.Fuzz;

/// <summary>
/// Random and mutated bundles (mutations of every sample in samples/) fed to analyze through the CLI's in-process entry
/// point, in every output format: the answer is a report (exit 0, 3, or 7 when it is incomplete) or one clear line (exit 2) — never an unexpected
/// failure, a stack trace, a hang or a runaway memory. A failing case prints its sample and seed to replay.
/// </summary>
public sealed class AnalyzeFuzzTests
{
    private static readonly string[] Samples = Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples"), "*.json").Order().ToArray();
    private static readonly string[] Formats = ["json", "table", "tsv", "markdown", "yaml", "none"];

    [Property(MaxTest = 300)]
    public void MutatedSample_ReportOrOneClearLine(NonNegativeInt sampleIndex, int seed, NonNegativeInt formatIndex)
    {
        var sample = Samples[sampleIndex.Get % Samples.Length];
        var bundle = BundleMutator.Mutate(File.ReadAllText(sample), seed);
        var format = Formats[formatIndex.Get % Formats.Length];

        AssertHandled(bundle, format, $"{Path.GetFileName(sample)} seed {seed} -o {format}");
    }

    [Property(MaxTest = 100)]
    public void ArbitraryText_ReportOrOneClearLine(string text) => AssertHandled(text ?? "", "json", $"text {text}");

    /// <summary>The mutations must reach the rules and renderers, not only the JSON reader: most give a report.</summary>
    [Fact]
    public async Task MutationCorpus_MostMutantsReachTheRules()
    {
        var exits = new List<int>();
        for (var seed = 0; seed < 120; seed++)
        {
            var sample = Samples[seed % Samples.Length];
            var result = await CliRunner.RunAsync(["analyze", "-", "-o", Formats[seed % Formats.Length]], BundleMutator.Mutate(File.ReadAllText(sample), seed));
            if (result.ExitCode is not (0 or 2 or 3 or ExitCodes.Incomplete))
            {
                var debug = await CliRunner.RunAsync(["analyze", "-", "-o", Formats[seed % Formats.Length], "--debug"], BundleMutator.Mutate(File.ReadAllText(sample), seed));
                Assert.Fail($"{Path.GetFileName(sample)} seed {seed}: exit {result.ExitCode}\n{debug.StdErr}");
            }
            exits.Add(result.ExitCode);
        }

        Assert.True(exits.Count(e => e != 2) >= exits.Count / 3, $"only {exits.Count(e => e != 2)} of {exits.Count} mutants gave a report");
    }

    private static void AssertHandled(string bundle, string format, string replay)
    {
        var clock = Stopwatch.StartNew();
        var run = CliRunner.RunAsync(["analyze", "-", "-o", format], bundle);
        Assert.True(run.Wait(TimeSpan.FromSeconds(30)), $"{replay}: no answer within 30 s");
        var result = run.Result;

        Assert.True(result.ExitCode is 0 or 2 or 3 or ExitCodes.Incomplete, $"{replay}: exit {result.ExitCode}\n{result.StdErr}");
        Assert.DoesNotContain("   at ", result.StdErr);
        Assert.DoesNotContain("unexpected failure", result.StdErr);
        if (result.ExitCode == 2)
        {
            Assert.Empty(result.StdOut);
            Assert.Single(result.StdErr.TrimEnd('\n').Split('\n'));
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{replay}: took {clock.Elapsed}");
        Assert.True(GC.GetTotalMemory(forceFullCollection: false) < 2L << 30, $"{replay}: managed heap over 2 GiB");
    }
}
