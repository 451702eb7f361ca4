using AcrNetCheck.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Rendering;

/// <summary>
/// Values chosen by whoever sent them (a user agent, an identity, an error message, a tag) must not be able to draw on
/// the terminal or forge a line in any human format, and -o yaml must read back as the values -o json prints.
/// </summary>
public sealed class HostileTextTests
{
    /// <summary>Clears the screen, retitles the terminal, returns to column 0, starts a new line, 8-bit CSI, breaks a table cell.</summary>
    private const string Forged = "ci\u001b[2J\u001b]0;pwned\u0007\r\nStatus: HEALTHY\u009b31m | `x` \u202e";

    /// <summary>The denied-logins sample with the forged text in every free-text field a server or a caller chooses.</summary>
    private static readonly string HostileBundle = CliRunner.WriteTemp(MakeHostile());

    private static string MakeHostile()
    {
        var bundle = JObject.Parse(File.ReadAllText(CliRunner.Sample("logs-denied-logins.json")));
        foreach (var group in bundle.SelectTokens("loginEvents.groups[*]").OfType<JObject>())
        {
            group["identity"] = Forged;
            group["userAgents"] = new JArray(Forged, "true", "1.0");
            group["resultDescription"] = "403";
        }
        ((JArray)bundle["collectionErrors"]!).Add(new JObject
        {
            ["read"] = "networkSecurityGroup", ["resourceId"] = "/subscriptions/x/" + Forged, ["status"] = 403, ["errorCode"] = Forged, ["message"] = Forged,
        });
        bundle["vantage"] = new JObject { ["kind"] = "local", ["hostname"] = Forged, ["notes"] = new JArray(Forged) };
        return bundle.ToString();
    }

    public static TheoryData<string[]> HumanFormats => new()
    {
        new[] { "-o", "table" },
        new[] { "-o", "markdown" },
        new[] { "-o", "tsv", "--query", "collectionErrors" },
        new[] { "-o", "table", "--query", "collectionErrors" },
        new[] { "-o", "markdown", "--query", "collectionErrors" },
        new[] { "-o", "tsv", "--query", "findings[].[id, message]" },
    };

    [Theory]
    [MemberData(nameof(HumanFormats))]
    public async Task HumanFormat_ForgedText_NoControlCharacterAndNoForgedLine(string[] format)
    {
        // Wide enough that the forged text is shown on one line (wrapping is tested apart, forged text included).
        var result = await CliRunner.RunAsync(["analyze", HostileBundle, .. format], "", CliRunner.WideTerminal);

        Assert.True(result.ExitCode is 0 or 3, result.StdErr);
        Assert.Contains("Status: HEALTHY", result.StdOut); // shown, as text inside another line
        var lines = result.StdOut.Split('\n');
        Assert.DoesNotContain(lines, l => l.TrimStart('|', ' ', '\t').StartsWith("Status: HEALTHY"));
        Assert.DoesNotContain(result.StdOut, ch => ch != '\n' && (char.IsControl(ch) && ch != '\t' || ch is '\u202e'));
    }

    [Fact]
    public async Task Table_ForgedText_ShownEscaped()
    {
        var result = await CliRunner.RunAsync("analyze", HostileBundle, "-o", "table");

        Assert.Contains(@"ci\e[2J\e]0;pwned\x07\r\nStatus: HEALTHY\x9b31m", result.StdOut);
        Assert.Single(result.StdOut.Split('\n'), l => l.StartsWith("Status: "));
    }

    [Fact]
    public async Task Markdown_ForgedCell_StaysInItsCell()
    {
        var result = await CliRunner.RunAsync("analyze", HostileBundle, "-o", "markdown", "--query", "collectionErrors");

        var rows = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0];
        int Cells(string row) => System.Text.RegularExpressions.Regex.Matches(row, @"(?<!\\)\|").Count;
        Assert.All(rows, row => Assert.Equal(Cells(header), Cells(row)));
    }

    [Fact]
    public async Task Tsv_ForgedText_OneLinePerRow_SameColumnCount()
    {
        var result = await CliRunner.RunAsync("analyze", HostileBundle, "-o", "tsv", "--query", "collectionErrors[].[read, message, errorCode]");

        var rows = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(JObject.Parse(File.ReadAllText(HostileBundle))["collectionErrors"]!.Count(), rows.Length);
        Assert.All(rows, row => Assert.Equal(3, row.Split('\t').Length));
    }

    public static TheoryData<string> Bundles()
    {
        var data = new TheoryData<string> { HostileBundle };
        foreach (var sample in Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples"), "*.json").Order()) data.Add(sample);
        return data;
    }

    [Theory]
    [MemberData(nameof(Bundles))]
    public async Task Yaml_ReadsBackAsTheJsonValues(string bundle)
    {
        var json = await CliRunner.RunAsync("analyze", bundle, "-o", "json");
        var yaml = await CliRunner.RunAsync("analyze", bundle, "-o", "yaml");

        Assert.Equal(json.ExitCode, yaml.ExitCode);
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json.StdOut)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        var expected = JToken.ReadFrom(reader);
        var actual = YamlReadBack.Parse(yaml.StdOut);
        Assert.True(JToken.DeepEquals(Normalize(expected), Normalize(actual)), $"yaml differs from json:\n{Normalize(actual)}");
    }

    [Fact]
    public async Task Yaml_StringsThatLookLikeOtherTypes_StayStrings()
    {
        var yaml = await CliRunner.RunAsync("analyze", HostileBundle, "-o", "yaml", "--query", "{schema: schemaVersion, status: collectionErrors[0].status, agents: ['true', '1.0', '403', 'yes', 'null', '2026-11-24']}");

        var read = YamlReadBack.Parse(yaml.StdOut);
        Assert.Equal(JTokenType.String, read["schema"]!.Type);
        Assert.Equal(JTokenType.Integer, read["status"]!.Type);
        Assert.Equal(["true", "1.0", "403", "yes", "null", "2026-11-24"], read["agents"]!.Select(a => (string)a!));
        Assert.All(read["agents"]!, a => Assert.Equal(JTokenType.String, a.Type));
    }

    /// <summary>Numbers compare by value: 1.0 and 1 are the same number.</summary>
    private static JToken Normalize(JToken token) => token switch
    {
        JObject o => new JObject(o.Properties().Select(p => new JProperty(p.Name, Normalize(p.Value)))),
        JArray a => new JArray(a.Select(Normalize)),
        JValue { Type: JTokenType.Integer or JTokenType.Float } v => new JValue(Convert.ToDecimal(v.Value, System.Globalization.CultureInfo.InvariantCulture)),
        _ => token.DeepClone(),
    };
}
