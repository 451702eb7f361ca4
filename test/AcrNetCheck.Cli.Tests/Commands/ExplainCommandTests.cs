using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Rules.Public;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>`acr-netcheck explain` through the real entry point: what a user who pastes an error sees.</summary>
public class ExplainCommandTests
{
    private const string FirewallRefusal = "Error response from daemon: Get \"https://contoso.azurecr.io/v2/\": denied: client with IP '20.81.4.12' is not allowed access. Refer https://aka.ms/acr/firewall to grant access.";

    [Fact]
    public async Task Table_ShowsSymptomCandidateRulesEvidenceAndNextCommand()
    {
        var result = await CliRunner.RunWideAsync("explain", FirewallRefusal, "-o", "table");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.StdErr);
        Assert.StartsWith("Symptom: The registry's firewall refused this client's IP address (ip-not-allowed", result.StdOut);
        Assert.Contains($"    {IpNotAllowedRule.Id} ", result.StdOut);
        Assert.Contains("Evidence from the text: host contoso.azurecr.io · registry contoso · loginServer contoso.azurecr.io · clientIp 20.81.4.12", result.StdOut);
        Assert.EndsWith("Next command: acr-netcheck diagnose -n contoso -o table\n", result.StdOut.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Json_IsTheExplanationContract()
    {
        var result = await CliRunner.RunAsync("explain", "dial tcp: lookup contoso.azurecr.io on 10.0.0.10:53: no such host");

        var json = JObject.Parse(result.StdOut);
        Assert.Equal(1, (int)json["schemaVersion"]!);
        Assert.Equal("dns-no-such-host", (string)json["symptoms"]![0]!["id"]!);
        Assert.Equal("error", (string)json["symptoms"]![0]!["causes"]![0]!["severity"]!);
        Assert.Equal("acr-netcheck probe contoso.azurecr.io --dns-server 10.0.0.10:53 -o table", (string)json["nextCommand"]!);
    }

    [Fact]
    public async Task Query_ListsTheRulesToCheck()
    {
        var result = await CliRunner.RunAsync("explain", "x509: certificate signed by unknown authority", "--query", "symptoms[].causes[].ruleId", "-o", "tsv");

        Assert.Equal(TlsInterceptedRule.Id + "\n", result.StdOut);
    }

    [Fact]
    public async Task Stdin_ReadsAPodsEvents()
    {
        const string events = """
            Events:
              Type     Reason     Age                From     Message
              ----     ------     ----               ----     -------
              Normal   Pulling    60s (x4 over 2m)   kubelet  Pulling image "contoso.azurecr.io/web:1.4"
              Warning  Failed     59s (x4 over 2m)   kubelet  Failed to pull image "contoso.azurecr.io/web:1.4": failed to pull and unpack image "contoso.azurecr.io/web:1.4": failed to resolve reference "contoso.azurecr.io/web:1.4": failed to do request: Head "https://contoso.azurecr.io/v2/web/manifests/1.4": dial tcp 10.1.0.4:443: i/o timeout
              Warning  Failed     59s (x4 over 2m)   kubelet  Error: ErrImagePull
              Normal   BackOff    35s (x6 over 2m)   kubelet  Back-off pulling image "contoso.azurecr.io/web:1.4"
            """;
        var result = await CliRunner.RunAsync(["explain", "-", "--query", "{symptoms: symptoms[].id, next: nextCommand}"], events);

        var json = JObject.Parse(result.StdOut);
        Assert.Equal(["tcp-timeout"], json["symptoms"]!.Select(s => (string)s!));
        Assert.Equal("acr-netcheck probe contoso.azurecr.io -o table", (string)json["next"]!);
    }

    [Fact]
    public async Task Markdown_IsReadyForATicket()
    {
        var result = await CliRunner.RunAsync("explain", FirewallRefusal, "-o", "markdown");

        Assert.StartsWith("## Error explained by acr-netcheck", result.StdOut);
        Assert.Contains("| clientIp | `20.81.4.12` |", result.StdOut);
    }

    [Fact]
    public async Task UnknownText_SaysSoAndStillGivesANextCommand()
    {
        var result = await CliRunner.RunAsync("explain", "exit code 137", "-o", "table");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("No known registry error in the text.", result.StdOut);
        Assert.Contains("Next command: acr-netcheck probe <registry>.azurecr.io -o table", result.StdOut);
    }

    [Theory]
    [InlineData(new[] { "explain" }, "", "error: explain needs the error text (quoted), or - for stdin. See 'acr-netcheck explain --help'.")]
    [InlineData(new[] { "explain", "-" }, "  \n", "error: explain got empty input: paste the error text, or pipe it to 'acr-netcheck explain -'.")]
    public async Task MissingText_IsOneUsageLine(string[] args, string stdin, string message)
    {
        var result = await CliRunner.RunAsync(args, stdin);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.StdErr.TrimEnd());
        Assert.Equal("", result.StdOut);
    }
}
