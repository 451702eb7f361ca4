using AcrNetCheck.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>`analyze` through the real entry point never calls a bundle healthy that holds nothing to judge (issue 11).</summary>
public class AnalyzeVerdictTests
{
    [Theory]
    [InlineData("""{"schemaVersion":"1.0"}""")]
    [InlineData("""{"schemaVersion":"1.0","target":null,"arm":null,"probes":null,"loginEvents":null,"vantage":null}""")]
    public async Task EmptyBundle_IncompleteWithItsOwnExitCodeAndNoInventedRegistry(string bundle)
    {
        var result = await CliRunner.RunAsync(["analyze", "-", "-o", "json"], bundle);

        var report = JObject.Parse(result.StdOut);
        Assert.Equal("incomplete", (string)report["status"]!);
        Assert.Null(report["registry"]!["name"]);
        Assert.DoesNotContain("myregistry", result.StdOut);
        Assert.Equal(ExitCodes.Incomplete, result.ExitCode);
    }

    [Fact]
    public async Task RegistryWithWrongTypedNetworkRuleSet_IncompleteNeverDefaultAllow()
    {
        var bundle = JObject.Parse(File.ReadAllText(CliRunner.Sample("public-ip-not-allowed.json")));
        bundle["arm"]!["registry"]!["properties"]!["networkRuleSet"] = new JArray();

        var result = await CliRunner.RunAsync(["analyze", "-", "-o", "json"], bundle.ToString());

        var report = JObject.Parse(result.StdOut);
        Assert.NotEqual("healthy", (string)report["status"]!);
        Assert.Null(report["registry"]!["defaultAction"]);
        Assert.DoesNotContain("defaultAction Allow", result.StdOut);
    }
}
