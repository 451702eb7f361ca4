using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Collection.Redaction;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Samples;

/// <summary>
/// <c>collect --redact</c> must not change the verdict: for every sample, analyze on the bundle and on its redacted copy
/// gives the same finding ids in the same order (and the same path verdicts), while the identifying values are gone.
/// </summary>
public sealed class RedactedSampleTests
{
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var sample in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples"), "*.json").Order()) data.Add(Path.GetFileName(sample));
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task RedactedCopy_SameFindingsInTheSameOrder(string sample)
    {
        var original = EvidenceLoader.Parse(File.ReadAllText(CliRunner.Sample(sample)), sample);
        var redactedPath = CliRunner.WriteTemp(EvidenceLoader.Serialize(BundleRedactor.Redact(original)));
        const string Query = "{ids: findings[].id, checks: checks[].[id, outcome], paths: paths[].verdict, status: status}";

        var before = await CliRunner.RunAsync("analyze", CliRunner.Sample(sample), "--query", Query);
        var after = await CliRunner.RunAsync("analyze", redactedPath, "--query", Query);

        Assert.Equal(before.ExitCode, after.ExitCode);
        Assert.Equal(JToken.Parse(before.StdOut).ToString(), JToken.Parse(after.StdOut).ToString());
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void RedactedCopy_NoIdentifyingValueLeft(string sample)
    {
        var text = File.ReadAllText(CliRunner.Sample(sample));
        var redacted = EvidenceLoader.Serialize(BundleRedactor.Redact(EvidenceLoader.Parse(text, sample)));
        var bundle = JObject.Parse(text);

        var secrets = new List<string> { "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b", "rg-registry", "contoso.azurecr.io" };
        secrets.AddRange(bundle.SelectTokens("loginEvents.groups[*].identity").Select(t => (string)t!).Where(s => s.Length >= 3));
        if (bundle.SelectToken("vantage.hostname") is { } host) secrets.Add((string)host!);
        foreach (var secret in secrets.Distinct())
            if (text.Contains(secret, StringComparison.OrdinalIgnoreCase))
                Assert.False(redacted.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{sample}: '{secret}' is still in the redacted bundle");
    }
}
