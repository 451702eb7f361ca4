using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Rendering;
using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Rendering;

/// <summary>-o table fits the terminal (COLUMNS, else its width, else 80): long lines wrap with hanging indents, nothing is cut.</summary>
public sealed partial class TableWidthTests
{
    public static TheoryData<string> Samples => new(Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "samples"), "*.json").Select(Path.GetFileName)!);

    private static Task<CliResult> Table(string sample, int? columns, bool terminal = false) =>
        CliRunner.RunAsync(["analyze", CliRunner.Sample(sample), "-o", "table"], "",
            columns is { } c ? new Dictionary<string, string> { ["COLUMNS"] = c.ToString() } : new Dictionary<string, string>(), terminal);

    private static int Widest(string text) => text.Split('\n').Max(WrappingWriter.VisibleLength);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EverySample_NoLineExceedsColumns(string sample)
    {
        foreach (var columns in new[] { 80, 60, 120 })
        {
            var result = await Table(sample, columns);

            Assert.True(result.StdOut.Length > 0, result.StdErr);
            Assert.True(Widest(result.StdOut) <= columns, $"COLUMNS={columns}:\n{result.StdOut}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task EverySample_WrappingKeepsEveryCharacter(string sample)
    {
        var wide = await Table(sample, 100_000);
        var narrow = await Table(sample, 50);

        Assert.Equal(Whitespace().Replace(wide.StdOut, ""), Whitespace().Replace(narrow.StdOut, ""));
        Assert.True(Widest(wide.StdOut) > 80, "the sample has a line to wrap"); // else this test tests nothing
    }

    [Fact]
    public async Task NoColumnsAndNotATerminal_WrapsAt80()
    {
        var result = await Table("combined-multi-cause.json", columns: null);

        Assert.True(Widest(result.StdOut) <= CliConsole.DefaultTableWidth);
    }

    [Fact]
    public async Task ColouredOnATerminal_FitsToo_AndEveryContinuationHangs()
    {
        var result = await Table("private-endpoint-dns-not-linked.json", 70, terminal: true);

        Assert.Contains("\u001b[", result.StdOut);
        Assert.True(Widest(result.StdOut) <= 70);
        // A continuation is indented further than the line it continues: here, every line the findings' messages wrap onto.
        var lines = result.StdOut.Split('\n');
        var message = Array.FindIndex(lines, l => l.TrimStart().StartsWith("Virtual network vnet-spoke"));
        Assert.True(message > 0, result.StdOut);
        static int Indent(string line) => line.Length - line.TrimStart().Length;
        Assert.Equal(Indent(lines[message]) + WrappingWriter.Hanging, Indent(lines[message + 1]));
    }

    [Theory]
    [InlineData("rules")]
    [InlineData("explain")]
    public async Task OtherTables_FitToo(string command)
    {
        string[] args = command == "rules" ? ["rules", "-o", "table"]
            : ["explain", "dial tcp: lookup contoso.azurecr.io on 10.0.0.10:53: no such host", "-o", "table"];

        var result = await CliRunner.RunAsync(args, "", new Dictionary<string, string> { ["COLUMNS"] = "72" });

        Assert.True(Widest(result.StdOut) <= 72, result.StdOut);
        Assert.Contains("client.dns-unresolvable", result.StdOut);
    }

    [Fact]
    public void ALongWord_IsBrokenAfterASeparator_AndNothingIsLost()
    {
        var id = "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-spoke";

        var lines = WrappingWriter.Wrap("  subnet " + id, 40);

        Assert.All(lines, l => Assert.True(l.Length <= 40, l));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("      ", l));
        Assert.Equal("subnet" + id, string.Concat(lines.Select(l => l.Trim())).Replace(" ", ""));
        Assert.All(lines.Skip(1).SkipLast(1), l => Assert.True(l.EndsWith('/') || l.EndsWith('-') || l.EndsWith('.'), l));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
