using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Testing;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// Never a false "healthy" (issue 11): the built tool in a network namespace against a registry stand-in that fails after
/// the connection is made. Whatever the probe observed failing ends as an error finding and a non-zero exit code.
/// </summary>
public class ProbeVerdictScenarioTests
{
    private const string Login = "contoso.azurecr.io";

    [NamespaceFact]
    public async Task RegistryAcceptsTlsThenNeverAnswers_UnhealthyNamingTheHttpPhase()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("hang");
        var result = await scenario.RunToolAsync("probe", Login, "-o", "json", "--timeout", "4");

        Assert.Equal("connected", (string)result.Endpoint(Login)["tcp"]!["status"]!);
        Assert.Equal("unhealthy", (string)result.Report["status"]!);
        Assert.Equal(RequestFailedRule.Id, result.FindingIds[0]);
        Assert.Contains("http failed (timeout", (string)result.Report["findings"]![0]!["message"]!);
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
    }

    [NamespaceFact]
    public async Task ProbeAloneRefusedWith403_NotHealthyAndNamesTheRefusedAddress()
    {
        using var scenario = new NetnsScenario().Record(Login, "127.0.0.1").Registry("ip-not-allowed");
        var result = await scenario.RunToolAsync("probe", Login, "-o", "json", "--timeout", "6");

        Assert.Equal("unhealthy", (string)result.Report["status"]!);
        Assert.Equal(RequestFailedRule.Id, result.FindingIds[0]);
        var solution = result.Report["findings"]![0]!["solution"]!.Select(s => (string)s!).ToList();
        Assert.Contains($"az acr network-rule add --name contoso --ip-address {RegistryStandIn.DeniedIp}", solution);
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
    }
}
