using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>Every mistake gets one clear stderr line and exit 2 — never a stack trace, never output on stdout.</summary>
public class BadInputTests
{
    private static readonly string Malformed = CliRunner.WriteTemp("{\n  \"schemaVersion\": \"1.0\",\n  \"arm\": {\n");
    private static readonly string UnknownVersion = CliRunner.WriteTemp("{\"schemaVersion\": \"9.9\"}");
    private static readonly string VersionObject = CliRunner.WriteTemp("{\"schemaVersion\": {\"major\": 1}}");
    private static readonly string Folder = Directory.CreateTempSubdirectory("acr-netcheck-out-").FullName;
    private static readonly string Valid = CliRunner.WriteTemp(AcrNetCheck.Core.Tests.Support.EvidenceBuilder.Create().Registry().ToJson());

    public static TheoryData<string[], string> Cases => new()
    {
        { ["analyze", Malformed], "not valid JSON at line 4" },
        { ["analyze", UnknownVersion], "unknown schemaVersion \"9.9\"" },
        { ["analyze", "/nonexistent/bundle.json"], "bundle file not found: /nonexistent/bundle.json" },
        { ["analyze"], "analyze needs a bundle path" },
        { ["analyze", Valid, "--query", "findings[?"], "invalid --query" },
        { ["analyze", Valid, "-o", "xml"], "use one of: json, jsonc, yaml, yamlc, table, tsv, none, markdown" },
        { ["analyze", Valid, "--fail-on", "sometimes"], "--fail-on 'sometimes' is not valid" },
        { ["analyze", Valid, "--no-such-flag"], "Unrecognized option '--no-such-flag'" },
        { ["no-such-command"], "Unrecognized command or argument 'no-such-command'" },
        { ["rules", "-o", "html"], "output format 'html' is not valid" },
        { ["analyze", VersionObject], "\"schemaVersion\" must be a string such as \"1.0\", found Object" },
        { ["diagnose", "-n", "contoso", "--timeout", "2147483647"], "--timeout 2147483647 is too long: give at most 86400 seconds" },
        { ["collect", "-n", "contoso", "--timeout", "4294968"], "--timeout 4294968 is too long" },
        { ["logs", "-n", "contoso", "--timeout", "86401"], "--timeout 86401 is too long" },
        { ["scan", "--timeout", "5000000"], "--timeout 5000000 is too long" },
        { ["probe", "contoso.azurecr.io", "--timeout", "5000000"], "--timeout 5000000 is too long" },
        { ["diagnose", "-n", "contoso", "--timeout", "0"], "--timeout must be a positive number of seconds, not 0" },
        { ["probe", "contoso.azurecr.io", "--out", Folder], $"--out '{Folder}' is a folder" },
        { ["probe", "contoso.azurecr.io", "--out", "/nonexistent/bundle.json"], "--out '/nonexistent/bundle.json': the folder /nonexistent does not exist" },
        { ["collect", "-n", "contoso", "--out", "/nonexistent/bundle.json"], "the folder /nonexistent does not exist" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_OneLineOnStderr_Exit2(string[] args, string expected)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.StdOut);
        var line = Assert.Single(result.StdErr.TrimEnd().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public async Task Debug_AddsTheStackTrace()
    {
        var result = await CliRunner.RunAsync("analyze", Malformed, "--debug");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("   at ", result.StdErr);
    }

    [Fact]
    public async Task BundleFromStdin_Malformed_NamesStdin()
    {
        var result = await CliRunner.RunAsync(["analyze", "-"], stdin: "{ not json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: stdin: not valid JSON", result.StdErr);
    }
}
