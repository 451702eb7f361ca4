using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

public class AnalyzeCommandTests
{
    /// <summary>A pending private endpoint: one error finding from ARM evidence alone.</summary>
    private static readonly string PendingBundle = CliRunner.WriteTemp(EvidenceBuilder.Create().Registry()
        .PrivateEndpoint(EvidenceBuilder.SubnetId("vnet-hub", "snet-pe"), status: "Pending").ToJson());

    private static readonly string HealthyBundle = CliRunner.WriteTemp(EvidenceBuilder.Create().Registry().HealthyProbe().ToJson());

    [Fact]
    public async Task Json_IsTheReportContract_AndExitCodeSaysProblemsFound()
    {
        var result = await CliRunner.RunAsync("analyze", PendingBundle);

        Assert.Equal(3, result.ExitCode);
        var report = JObject.Parse(result.StdOut);
        Assert.Equal("1.0", report["schemaVersion"]!.ToString());
        Assert.Equal("unhealthy", report["status"]!.ToString());
        var finding = report["findings"]!.First(f => f["id"]!.ToString() == "vnet.private-endpoint-not-approved");
        Assert.Equal("error", finding["severity"]!.ToString());
        Assert.StartsWith("https://learn.microsoft.com/", finding["docLink"]!.ToString());
        Assert.NotEmpty(finding["evidence"]!);
        Assert.Contains(report["checks"]!, c => c["outcome"]!.ToString() == "skipped" && c["reason"]!.ToString().StartsWith("needs:"));
        Assert.Equal("", result.StdErr);
    }

    [Fact]
    public async Task Query_SelectsFindingIds()
    {
        var result = await CliRunner.RunAsync("analyze", PendingBundle, "--query", "findings[].id");

        Assert.Contains("vnet.private-endpoint-not-approved", JArray.Parse(result.StdOut).Select(t => t.ToString()));
    }

    [Theory]
    [InlineData("error", 3)]
    [InlineData("warning", 3)]
    [InlineData("none", 0)]
    public async Task FailOn_DecidesTheExitCode(string failOn, int expected) =>
        Assert.Equal(expected, (await CliRunner.RunAsync("analyze", PendingBundle, "--fail-on", failOn, "-o", "none")).ExitCode);

    [Fact]
    public async Task HealthyBundle_ExitsZero()
    {
        var result = await CliRunner.RunAsync("analyze", HealthyBundle);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("healthy", JObject.Parse(result.StdOut)["status"]!.ToString());
    }

    [Fact]
    public async Task None_PrintsNothing_ButKeepsTheExitCode()
    {
        var result = await CliRunner.RunAsync("analyze", PendingBundle, "-o", "none");

        Assert.Equal("", result.StdOut);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Stdin_IsReadWithDash()
    {
        var result = await CliRunner.RunAsync(["analyze", "-"], stdin: File.ReadAllText(PendingBundle));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("unhealthy", JObject.Parse(result.StdOut)["status"]!.ToString());
    }

    [Fact]
    public async Task Table_ShowsVerdictFindingAndFirstFix_WithoutColourWhenRedirected()
    {
        var result = await CliRunner.RunAsync("analyze", PendingBundle, "-o", "table");

        Assert.Contains("Status: UNHEALTHY", result.StdOut);
        Assert.Contains("vnet.private-endpoint-not-approved", result.StdOut);
        Assert.Contains("Fix: az acr private-endpoint-connection approve", result.StdOut);
        Assert.DoesNotContain("\u001b[", result.StdOut);
    }

    [Fact]
    public async Task Table_ColoursOnATerminal_ButNeverWithNoColor()
    {
        var coloured = await CliRunner.RunAsync(["analyze", PendingBundle, "-o", "table"], terminal: true);
        var plain = await CliRunner.RunAsync(["analyze", PendingBundle, "-o", "table"], environment: new Dictionary<string, string> { ["NO_COLOR"] = "1" }, terminal: true);

        Assert.Contains("\u001b[31m", coloured.StdOut);
        Assert.DoesNotContain("\u001b[", plain.StdOut);
    }

    [Fact]
    public async Task Markdown_IsPasteReady()
    {
        var result = await CliRunner.RunAsync("analyze", PendingBundle, "-o", "markdown");

        Assert.StartsWith("## acr-netcheck: contoso (`contoso.azurecr.io`) — unhealthy", result.StdOut);
        Assert.Contains("`az acr private-endpoint-connection approve", result.StdOut);
    }

    [Fact]
    public async Task Yaml_And_Tsv_RenderTheQueriedData()
    {
        var yaml = await CliRunner.RunAsync("analyze", PendingBundle, "-o", "yaml", "--query", "{status: status, first: findings[0].id}");
        var tsv = await CliRunner.RunAsync("analyze", PendingBundle, "-o", "tsv", "--query", "findings[].[id, severity]");

        Assert.Contains("status: unhealthy", yaml.StdOut);
        Assert.Contains("first: vnet.private-endpoint-not-approved", yaml.StdOut);
        Assert.Contains("vnet.private-endpoint-not-approved\terror", tsv.StdOut);
    }

    [Fact]
    public async Task Verbose_GoesToStderr_NotStdout()
    {
        var result = await CliRunner.RunAsync("analyze", HealthyBundle, "--verbose");

        Assert.Contains("INFO: analyzing", result.StdErr);
        JObject.Parse(result.StdOut);
    }
}
