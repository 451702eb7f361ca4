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

    /// <summary>Three agent-pool subnets of an AKS cluster: two open, one whose NSG denies HTTPS.</summary>
    private static readonly string AksPoolsBundle = CliRunner.WriteTemp(EvidenceBuilder.Create().Registry()
        .ServiceTag("AzureContainerRegistry.EastUS", "20.42.64.0/22")
        .VirtualNetwork("vnet-aks", "10.2.0.0/16")
        .Subnet("vnet-aks", "pool-a", "10.2.0.0/22").Subnet("vnet-aks", "pool-b", "10.2.4.0/22")
        .Subnet("vnet-aks", "pool-c", "10.2.8.0/22", nsgId: EvidenceBuilder.NsgId("nsg-pool-c"))
        .Nsg("nsg-pool-c", new NsgRule("DenyHttpsOut", 100, "Deny", "*"))
        .SourceSubnets("aks", "/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod",
            EvidenceBuilder.SubnetId("vnet-aks", "pool-a"), EvidenceBuilder.SubnetId("vnet-aks", "pool-b"), EvidenceBuilder.SubnetId("vnet-aks", "pool-c"))
        .ToJson());

    [Fact]
    public async Task Table_WithSourceSubnets_PrintsOneLinePerPath_IdenticalSubnetsGrouped()
    {
        var result = await CliRunner.RunWideAsync("analyze", AksPoolsBundle, "-o", "table");

        var lines = result.StdOut.Split('\n');
        Assert.Contains("  subnets pool-a, pool-b → contoso.azurecr.io: DNS public ✓ · NSG none ✓ · route internet ✓ · access public (all networks) ✓ · verdict reachable", lines);
        Assert.Contains("  subnet pool-c → contoso.azurecr.io: DNS public ✓ · NSG deny (rule 'DenyHttpsOut' 100) ✗ · route internet ✓ · " +
                        "access public (all networks) ✓ · verdict blocked at nsg (vnet.nsg-denies-outbound)", lines);
        Assert.Equal(3, result.ExitCode);
    }

    [Fact]
    public async Task Json_WithSourceSubnets_HasEveryPathsStepsAndEvidence()
    {
        var result = await CliRunner.RunAsync("analyze", AksPoolsBundle, "--query", "paths[?verdict=='blocked'] | [0]");

        var path = JObject.Parse(result.StdOut);
        Assert.Equal("nsg", path["blockedAt"]!.ToString());
        var nsg = path["steps"]!.Single(s => s["step"]!.ToString() == "nsg");
        Assert.Equal("DenyHttpsOut", nsg["matches"]![0]!["ruleName"]!.ToString());
        Assert.Equal("properties.securityRules[name=DenyHttpsOut].properties.access", nsg["evidence"]![0]!["path"]!.ToString());
    }

    [Fact]
    public async Task Markdown_WithSourceSubnets_HasAPathsTable()
    {
        var result = await CliRunner.RunAsync("analyze", AksPoolsBundle, "-o", "markdown");

        Assert.Contains("| pool-c | `contoso.azurecr.io` | blocked (`vnet.nsg-denies-outbound`) | DNS public ✓ · NSG deny (rule 'DenyHttpsOut' 100) ✗", result.StdOut);
    }

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
