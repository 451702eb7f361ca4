using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Rendering;

/// <summary>scan's output formats over a small fleet made of the bundled samples.</summary>
public sealed class FleetOutputTests
{
    private static readonly FleetReport Fleet = FleetReport.Create(
        new[] { "healthy-public.json", "tasks-blocked.json", "private-endpoint-pending.json" }
            .Select(s => Analyzer.Analyze(EvidenceLoader.Parse(File.ReadAllText(CliRunner.Sample(s)), s))),
        [], ["Fleet scan through Azure Resource Graph: configuration only."]);

    [Fact]
    public void Table_OneLinePerRegistry_WorstFirst_ThenTotals()
    {
        var output = Render("table");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Name", lines[0]);
        Assert.Contains("First finding", lines[0]);
        var rows = lines.Skip(2).Take(3).ToList();
        Assert.Equal(Fleet.Registries.Select(r => r.Name), rows.Select(r => r.Split(' ')[0]));
        Assert.Contains(Fleet.Registries[0].FirstFinding!, rows[0]);
        Assert.Contains("3 registries:", output);
        Assert.Contains("note: Fleet scan through Azure Resource Graph", output);
        Assert.DoesNotContain("\u001b[", output);
    }

    [Fact]
    public void JsonLines_OneCompleteReportPerLine_QueryAppliedToEach()
    {
        var lines = Render("jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var ids = Render("jsonl", "registry.name").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(3, lines.Length);
        Assert.Equal(Fleet.Reports.Select(r => r.Registry.Name), lines.Select(l => JObject.Parse(l).SelectToken("registry.name")!.ToString()));
        Assert.All(lines, l => Assert.NotNull(JObject.Parse(l)["findings"]));
        Assert.Equal(Fleet.Reports.Select(r => $"\"{r.Registry.Name}\""), ids);
    }

    [Fact]
    public void Json_TheListOfReports()
    {
        var json = JArray.Parse(Render("json"));

        Assert.Equal(3, json.Count);
        Assert.Equal(Fleet.Reports[0].Findings[0].Id, json[0].SelectToken("findings[0].id")!.ToString());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("none")]
    public void StreamedFormats_PrintExactlyWhatTheWholeListRendersTo(string format)
    {
        // Enough reports for the streamed text to go out in several chunks.
        var fleet = FleetReport.Create(Enumerable.Repeat(Fleet.Reports, 100).SelectMany(r => r), []);
        var whole = new StringWriter();
        OutputRenderer.Render(fleet.Reports, OutputRequest.Parse(format, null), Console(whole));
        var streamed = new StringWriter();

        FleetOutput.Render(fleet, OutputRequest.Parse(format, null), Console(streamed));

        Assert.True(whole.ToString() == streamed.ToString(), $"streamed {format} differs from the whole list's rendering ({streamed.ToString().Length} vs {whole.ToString().Length} chars)");
    }

    [Theory]
    [InlineData("jsonl", null, "jsonl")]
    [InlineData("JSON", null, "json")]
    [InlineData("table", "[].registry.name", "table")]
    public void Formats_IncludeJsonLinesForScanOnly(string format, string? query, string expected)
    {
        Assert.Equal(expected, FleetOutput.ParseRequest(format, query).Format);
        Assert.DoesNotContain("jsonl", OutputRenderer.Formats.Keys);
    }

    [Theory]
    [InlineData("xml", null, "output format 'xml' is not valid; use one of: json, jsonc, yaml, yamlc, table, tsv, none, markdown, jsonl.")]
    [InlineData("jsonl", "[?", "invalid --query")]
    public void BadFormatOrQuery_IsAUsageError(string format, string? query, string message)
    {
        var ex = Assert.Throws<UsageException>(() => FleetOutput.ParseRequest(format, query));

        Assert.Contains(message, ex.Message);
    }

    private static string Render(string format, string? query = null)
    {
        var stdout = new StringWriter();
        FleetOutput.Render(Fleet, FleetOutput.ParseRequest(format, query), Console(stdout));
        return stdout.ToString();
    }

    /// <summary>A terminal wide enough that no row wraps: these tests are of what a row holds.</summary>
    private static CliConsole Console(TextWriter stdout) => new(stdout, new StringWriter(), new StringReader(""), name => name == "COLUMNS" ? "1000" : null, outputIsTerminal: false);
}
