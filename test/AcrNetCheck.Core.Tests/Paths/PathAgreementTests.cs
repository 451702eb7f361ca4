using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing.Fleet;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>The paths and the findings of one report agree, on every sample and on a generated fleet (the builder's scenarios check it in <see cref="EvidenceBuilder.Paths"/>).</summary>
public class PathAgreementTests
{
    public static TheoryData<string> Samples() => new(Directory.GetFiles(Path.Combine(Reference.RepoRoot, "samples"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySample_PathsAndFindingsAgree(string sample)
    {
        var bundle = EvidenceLoader.Parse(File.ReadAllText(Path.Combine(Reference.RepoRoot, "samples", sample)), sample);

        Assert.Empty(PathAgreement.Disagreements(Analyzer.Analyze(bundle)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySampleWithoutProbes_PathsAndFindingsAgree(string sample)
    {
        var bundle = EvidenceLoader.Parse(File.ReadAllText(Path.Combine(Reference.RepoRoot, "samples", sample)), sample);
        bundle.Probes = null;

        Assert.Empty(PathAgreement.Disagreements(Analyzer.Analyze(bundle)));
    }
}
