using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The built tool against an ARM and a Log Analytics stand-in that misbehave: endless answers end at the documented cap as
/// a collection error (the report still comes), and error bodies echoing the Authorization header never put the token in
/// any output — report, bundle, redacted bundle, warnings or --debug.
/// </summary>
public sealed class HostileServiceTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task EndlessArmAnswer_ReportFinishes_WithACollectionErrorNamingTheLimit()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, new FakeArmOptions { Faults = [new ArmFault("/replications") { EndlessBody = true }] });
        var clock = Stopwatch.StartNew();

        var result = await azure.RunAsync(TimeSpan.FromSeconds(90), scenario.Arm.Args("diagnose", "--query", "collectionErrors"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound or ExitCodes.Incomplete, result.StdErr);  // a report, never a crash
        var error = Assert.Single(JArray.Parse(result.StdOut), e => (string?)e["errorCode"] == "ResponseTooLarge");
        Assert.Contains("larger than the 32 MiB limit for one response", (string)error["message"]!);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task EndlessLogAnalyticsAnswer_ReportFinishes_WithACollectionErrorNamingTheLimit()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, null, new LogAnalyticsFault("/query") { EndlessBody = true });

        var result = await azure.RunAsync(TimeSpan.FromSeconds(90), scenario.Arm.Args("diagnose", "--query", "collectionErrors[?read=='loginEvents']"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound or ExitCodes.Incomplete, result.StdErr);  // a report, never a crash
        var errors = JArray.Parse(result.StdOut);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal("ResponseTooLarge", (string?)e["errorCode"]));
    }

    [Fact]
    public async Task ErrorBodiesEchoingTheToken_TokenAppearsNowhere()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        var armToken = Jwt("arm");
        var logsToken = Jwt("logs");
        var logs = await FakeLogAnalytics.StartAsync(certs.Certificates, scenario.Events, [LogsScenario.CustomerId], logsToken);
        logs.Faults.Add(new LogAnalyticsFault("/query", 403, "InsufficientAccessError") { EchoAuthorization = true });
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Arm.Fixture,
            new FakeArmOptions { AccessToken = armToken, Faults = [new ArmFault("/replications", 403, "AuthorizationFailed") { EchoAuthorization = true }] }, logs);
        var bundle = Path.Combine(azure.ConfigDir, "bundle.json");
        var redacted = Path.Combine(azure.ConfigDir, "redacted.json");

        var outputs = new List<(string What, string Text)>();
        foreach (var args in new[]
                 {
                     scenario.Arm.Args("diagnose", "-o", "json", "--debug"),
                     scenario.Arm.Args("diagnose", "-o", "table"),
                     scenario.Arm.Args("diagnose", "-o", "markdown", "--verbose"),
                     scenario.Arm.Args("collect", "--out", bundle),
                     scenario.Arm.Args("collect", "--redact", "--out", redacted),
                 })
        {
            var result = await azure.RunAsync(args);
            Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound or ExitCodes.Incomplete, result.StdErr);  // a report, never a crash
            outputs.Add(($"{string.Join(' ', args)} stdout", result.StdOut));
            outputs.Add(($"{string.Join(' ', args)} stderr", result.StdErr));
        }
        outputs.Add(("bundle", File.ReadAllText(bundle)));
        outputs.Add(("redacted bundle", File.ReadAllText(redacted)));
        outputs.Add(("analyze of the bundle", (await CliRunner.RunAsync("analyze", bundle, "-o", "json")).StdOut));

        // The servers' words are kept (that is the point of recording them); the secrets in them are not.
        Assert.Contains(outputs, o => o.Text.Contains("Request rejected. Headers: Authorization: Bearer [redacted-jwt]"));
        foreach (var (what, text) in outputs)
            foreach (var secret in new[] { armToken, logsToken, armToken.Split('.')[2], logsToken.Split('.')[2], "Zm9vYmFyc2VjcmV0c2lnbmF0dXJl" })
                Assert.False(text.Contains(secret), $"{what} contains a secret:\n{text}");
    }

    [Fact]
    public async Task ServiceTagCacheWithNumericFetchedAt_Refreshed_CollectionUnharmed()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates);
        var first = await azure.RunAsync(scenario.Arm.Args("diagnose", "--query", "collectionErrors"));
        var cacheFiles = Directory.GetFiles(Path.Combine(azure.Environment["HOME"], ".cache", "acr-netcheck"), "servicetags-*.json");
        Assert.NotEmpty(cacheFiles);
        foreach (var file in cacheFiles)
        {
            var entry = JObject.Parse(File.ReadAllText(file));
            entry["fetchedAt"] = 1764064800;
            File.WriteAllText(file, entry.ToString());
        }

        var second = await azure.RunAsync(scenario.Arm.Args("diagnose", "--query", "collectionErrors"));

        Assert.Equal((first.ExitCode, first.StdOut), (second.ExitCode, second.StdOut));
        Assert.Empty(JArray.Parse(second.StdOut));
        Assert.All(cacheFiles, f => Assert.Equal(JTokenType.Date, JObject.Parse(File.ReadAllText(f))["fetchedAt"]!.Type)); // rewritten as a date
    }

    /// <summary>A token shaped like Entra ID's: three base64url parts, unique per test.</summary>
    private static string Jwt(string audience) =>
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." +
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{{\"aud\":\"{audience}\",\"oid\":\"{Guid.NewGuid()}\"}}")).TrimEnd('=').Replace('+', '-').Replace('/', '_') +
        "." + Guid.NewGuid().ToString("N") + "SiGnAtUrE";
}
