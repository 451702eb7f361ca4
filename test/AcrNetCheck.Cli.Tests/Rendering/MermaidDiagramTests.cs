using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Rendering;

/// <summary>
/// -o markdown's Mermaid flowchart: well formed for every sample, each path's failing hop marked where the report marks it,
/// and hostile names kept inside their labels.
/// </summary>
public sealed partial class MermaidDiagramTests
{
    public static TheoryData<string> Samples => new(Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples"), "*.json").Select(Path.GetFileName)!);

    private sealed record Diagram(Dictionary<string, (string Label, string Class)> Nodes, List<(string From, string Arrow, string To)> Edges);

    /// <summary>Parses the one ```mermaid block, failing on any line that is not a class definition, a node or an edge.</summary>
    private static Diagram Parse(string markdown)
    {
        var blocks = Regex.Matches(markdown, "^```mermaid\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.Single(blocks);
        var lines = blocks[0].Groups[1].Value.TrimEnd('\n').Split('\n');
        Assert.Equal("flowchart LR", lines[0]);
        var nodes = new Dictionary<string, (string, string)>();
        var edges = new List<(string, string, string)>();
        var classes = new HashSet<string>();
        foreach (var line in lines.Skip(1))
        {
            if (ClassDef().Match(line) is { Success: true } c) classes.Add(c.Groups[1].Value);
            else if (Node().Match(line) is { Success: true } n)
            {
                Assert.True(nodes.TryAdd(n.Groups["id"].Value, (n.Groups["label"].Value, n.Groups["class"].Value)), $"node defined twice: {line}");
                Assert.Contains(n.Groups["class"].Value, classes);
            }
            else if (Edge().Match(line) is { Success: true } e)
            {
                Assert.True(nodes.ContainsKey(e.Groups[1].Value) && nodes.ContainsKey(e.Groups[3].Value), $"edge to an undefined node: {line}");
                edges.Add((e.Groups[1].Value, e.Groups[2].Value, e.Groups[3].Value));
            }
            else Assert.Fail($"not a Mermaid line this renderer writes: {line}");
        }
        return new Diagram(nodes, edges);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EverySample_DiagramIsWellFormed_AndMarksTheHopTheReportMarks(string sample)
    {
        var markdown = await CliRunner.RunAsync("analyze", CliRunner.Sample(sample), "-o", "markdown");
        var report = JObject.Parse((await CliRunner.RunAsync("analyze", CliRunner.Sample(sample))).StdOut);

        var paths = (JArray)report["paths"]!;
        var probed = report["endpoints"]!.Where(e => e["probe"] is JObject).ToList();
        if (paths.Count == 0 && probed.Count == 0)
        {
            Assert.DoesNotContain("```mermaid", markdown.StdOut);
            return;
        }
        var diagram = Parse(markdown.StdOut);

        var failing = diagram.Nodes.Values.Where(n => n.Class == ReportDiagram.FailingClass).Select(n => n.Label).ToList();
        if (paths.Count > 0)
        {
            // One failing hop per blocked path: the step the report says it is blocked at.
            var blocked = paths.Where(p => p.Value<string>("verdict") == "blocked").ToList();
            Assert.Equal(blocked.Count, failing.Count);
            foreach (var path in blocked)
            {
                var step = path["steps"]!.First(s => s.Value<string>("step") == path.Value<string>("blockedAt"));
                Assert.Contains(ReportDiagram.Label(step.Value<string>("summary")), failing);
            }
            Assert.Equal(paths.Count, diagram.Nodes.Values.Count(n => n.Class == "endpoint") - 1); // one endpoint per path, and the registry
        }
        else
        {
            Assert.Equal(probed.Count, diagram.Nodes.Values.Count(n => n.Class == "endpoint") - 1);
        }
        // After the failing hop the way is dotted: no solid edge leaves it.
        foreach (var (id, _) in diagram.Nodes.Where(n => n.Value.Class == ReportDiagram.FailingClass))
            Assert.All(diagram.Edges.Where(e => e.From == id), e => Assert.Equal("-.->", e.Arrow));
    }

    [Fact]
    public async Task ProbedClient_TheFirstHopThatFailed_IsMarked()
    {
        var markdown = (await CliRunner.RunAsync("analyze", CliRunner.Sample("client-proxy-blocked.json"), "-o", "markdown")).StdOut;

        var diagram = Parse(markdown);

        var failing = Assert.Single(diagram.Nodes.Values, n => n.Class == ReportDiagram.FailingClass);
        Assert.StartsWith("proxy http://proxy.corp.example:3128 (403)", failing.Label);
        Assert.Contains(diagram.Nodes.Values, n => n.Label.StartsWith("client dev-box"));
    }

    [Fact]
    public async Task HealthyPath_NothingMarked()
    {
        var markdown = (await CliRunner.RunAsync("analyze", CliRunner.Sample("private-endpoint-healthy.json"), "-o", "markdown")).StdOut;

        var diagram = Parse(markdown);

        Assert.DoesNotContain(diagram.Nodes.Values, n => n.Class is "failing" or "blocked");
        Assert.DoesNotContain(diagram.Edges, e => e.Arrow == "-.->");
    }

    [Fact]
    public async Task HostileNames_StayInsideTheirLabels()
    {
        const string hostile = "snet\"]:::ok\n```\n<img src=x onerror=alert(1)>#35;`end` [x](y) %%{init}%%\u001b[31m";
        var bundle = JObject.Parse(File.ReadAllText(CliRunner.Sample("aks-pools-paths.json")));
        foreach (var value in bundle.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String && ((string)v!).Contains("aks-gpu")))
            value.Value = ((string)value!).Replace("aks-gpu", hostile);
        foreach (var property in bundle.Descendants().OfType<JProperty>().Where(p => p.Name.Contains("aks-gpu")).ToList())
            property.Replace(new JProperty(property.Name.Replace("aks-gpu", hostile), property.Value));
        var path = CliRunner.WriteTemp(bundle.ToString());
        try
        {
            var markdown = (await CliRunner.RunAsync("analyze", path, "-o", "markdown")).StdOut;

            var diagram = Parse(markdown); // every line still one of ours, the fence closed once
            var source = Assert.Single(diagram.Nodes.Values, n => n.Label.StartsWith("subnet snet"));
            Assert.DoesNotMatch("[\"`<>\\[\\]{}\u001b\n]", source.Label);
            Assert.Contains("#34;", source.Label); // the quote, as an entity
            Assert.Contains(diagram.Nodes.Values, n => n.Class == ReportDiagram.FailingClass); // aks-gpu's NSG still blocks it
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("a\"b", "a#34;b")]
    [InlineData("x`y", "x#96;y")]
    [InlineData("<b>", "#60;b#62;")]
    [InlineData("DNS private 10.1.0.4 ✓", "DNS private 10.1.0.4 ✓")]
    [InlineData("line\nbreak", "line#92;nbreak")]
    public void Label_EscapesForMermaid(string value, string expected) => Assert.Equal(expected, ReportDiagram.Label(value));

    [GeneratedRegex("^  classDef (\\w+) [\\w:#,. -]+$")]
    private static partial Regex ClassDef();

    [GeneratedRegex("^  (?<id>n\\d+)(\\[|\\(\\[|\\[\\()\"(?<label>[^\"`\\n]*)\"(\\]|\\]\\)|\\)\\]):::(?<class>\\w+)$")]
    private static partial Regex Node();

    [GeneratedRegex("^  (n\\d+) (-->|-\\.->) (n\\d+)$")]
    private static partial Regex Edge();
}
