using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>`probe` input mistakes: one stderr line, exit 2, and no probe sent (they are checked before any network use).</summary>
public class ProbeCommandTests
{
    [Theory]
    [InlineData("error: probe needs a login server", "probe")]
    [InlineData("is not a login server host name", "probe", "https://contoso.azurecr.io/v2/")]
    [InlineData("--dns-server 'dns.corp' is not an IP address", "probe", "contoso.azurecr.io", "--dns-server", "dns.corp")]
    [InlineData("--data-endpoint 'not a host' is not a host name", "probe", "contoso.azurecr.io", "--data-endpoint", "not a host")]
    [InlineData("--timeout must be a positive number of seconds", "probe", "contoso.azurecr.io", "--timeout", "0")]
    [InlineData("bundle file not found", "probe", "--bundle", "/nonexistent/bundle.json")]
    [InlineData("--fail-on 'often' is not valid", "probe", "contoso.azurecr.io", "--fail-on", "often")]
    public async Task BadInput_IsAUsageError(string expected, params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(expected, result.StdErr);
        Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.Equal("", result.StdOut);
    }

    [Fact]
    public async Task Help_ShowsExamples()
    {
        var result = await CliRunner.RunAsync("probe", "--help");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("acr-netcheck probe contoso.azurecr.io -o table", result.StdOut);
        Assert.Contains("--data-endpoint", result.StdOut);
    }
}
