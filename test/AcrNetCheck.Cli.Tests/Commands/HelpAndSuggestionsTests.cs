using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using DevLab.JmesPath;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>Help that shows what to type, and mistakes answered with the nearest valid word and the help to read.</summary>
public sealed partial class HelpAndSuggestionsTests
{
    private static async Task<string> HelpOf(string command)
    {
        var result = await CliRunner.RunAsync(command, "--help");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        return result.StdOut;
    }

    [Fact]
    public async Task ScanHelp_ListsJsonl()
    {
        var help = await HelpOf("scan");

        Assert.Matches(@"-o\|--output <FORMAT>\s+Output format\. Allowed values: json, jsonc, yaml, yamlc, table, tsv, none, markdown, jsonl\.", help);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("diagnose")]
    [InlineData("rules")]
    public async Task OtherCommandsHelp_ListsTheirFormats_WithoutJsonl(string command)
    {
        var help = await HelpOf(command);

        Assert.Contains("Allowed values: json, jsonc, yaml, yamlc, table, tsv, none, markdown.", help);
        Assert.Contains("core.output", help);
    }

    [Theory]
    [InlineData("diagnose", "--timeout <SECONDS>", "-n|--name <REGISTRY>", "--from <RESOURCE-ID>", "--since <DURATION>", "--fail-on <SEVERITY>", "--query <JMESPATH>")]
    [InlineData("scan", "--subscription <ID|NAME>", "--query-filter <KQL>", "--out-dir <DIR>")]
    [InlineData("probe", "--dns-server <IP[:PORT]>", "--data-endpoint <HOST>", "--bundle <FILE>")]
    public async Task Help_ShowsAValuePlaceholderForEveryOptionThatTakesOne(string command, params string[] expected)
    {
        var help = await HelpOf(command);

        foreach (var option in expected) Assert.Contains(option, help);
        // Switches show none; every other option line does.
        var switches = new[] { "--debug", "--verbose", "--only-show-errors", "--probe", "--remote-probe", "--no-probes", "--no-logs", "--redact", "-?|-h|--help" };
        foreach (var line in help.Split('\n').Where(l => l.StartsWith("  -")))
            Assert.True(switches.Any(s => line.TrimStart().StartsWith(s + " ")) || line.Contains('<'), $"no placeholder: {line}");
    }

    [Fact]
    public async Task CollectHelp_DoesNotSayItJudges()
    {
        var help = await HelpOf("collect");

        Assert.DoesNotContain("judg", help, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("verdict", help, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Each command's --query example, run on that command's real JSON result, selects something.</summary>
    [Theory]
    [InlineData("rules")]
    [InlineData("analyze")]
    [InlineData("diagnose")]
    [InlineData("probe")]
    [InlineData("explain")]
    [InlineData("collect")]
    [InlineData("logs")]
    [InlineData("scan")]
    public async Task QueryExampleInHelp_FitsTheCommandsResult(string command)
    {
        var example = QueryExample().Match(await HelpOf(command)).Groups[1].Value;
        var result = await ResultOf(command);

        var selected = JToken.Parse(new JmesPath().Transform(result.ToString(), example) ?? "null");
        Assert.True(selected is JArray { Count: > 0 } or JValue { Type: not JTokenType.Null } or JObject { Count: > 0 }, $"{command}: --query \"{example}\" selects nothing from its result");
    }

    /// <summary>The JSON each command prints, from the samples (the Azure-reading commands' results have the same shape).</summary>
    private static async Task<JToken> ResultOf(string command)
    {
        var denied = EvidenceLoader.Load(CliRunner.Sample("logs-denied-logins.json"));
        switch (command)
        {
            case "rules": return JToken.Parse((await CliRunner.RunAsync("rules")).StdOut);
            case "explain": return JToken.Parse((await CliRunner.RunAsync("explain", "denied: client with IP '20.81.4.12' is not allowed access")).StdOut);
            case "collect": return JToken.Parse(File.ReadAllText(CliRunner.Sample("combined-multi-cause.json")));
            case "logs": return JToken.FromObject(LoginEventsOutput.From(denied, TimeSpan.FromDays(1)), EvidenceJson.Serializer);
            case "scan": return JToken.FromObject(new[] { Analyzer.Analyze(denied), Analyzer.Analyze(EvidenceLoader.Load(CliRunner.Sample("healthy-public.json"))) }, EvidenceJson.Serializer);
            default: return JToken.Parse((await CliRunner.RunAsync("analyze", CliRunner.Sample("combined-multi-cause.json"))).StdOut);
        }
    }

    [GeneratedRegex("--query <JMESPATH>\\s+JMESPath query applied to the JSON result before rendering, e\\.g\\. \"(.+)\"\\.")]
    private static partial Regex QueryExample();

    [Fact]
    public async Task MistypedCommand_SuggestsTheNearest()
    {
        var result = await CliRunner.RunAsync("diagnoze", "-n", "contoso");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: Unrecognized command or argument 'diagnoze'. Did you mean 'diagnose'", result.StdErr);
        Assert.EndsWith("See 'acr-netcheck --help'.\n", result.StdErr);
        Assert.Equal("", result.StdOut);
    }

    [Theory]
    [InlineData("diagnose", "--timout", "--timeout")]
    [InlineData("analyze", "--outptu", "--output")]
    [InlineData("scan", "--subscripton", "--subscription")]
    public async Task MistypedOption_SuggestsTheOption_AndNamesTheSubcommandsHelp(string command, string typed, string meant)
    {
        var result = await CliRunner.RunAsync(command, typed, "x");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith($"error: Unrecognized option '{typed}'. Did you mean '{meant}'", result.StdErr);
        Assert.EndsWith($"See 'acr-netcheck {command} --help'.\n", result.StdErr);
        Assert.Equal(1, result.StdErr.Count(c => c == '\n'));
    }
}
