using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// What a run costs in round trips a user waits for: one sign-in per audience whatever spelling each client asks with,
/// and one connection to ARM that every read shares.
/// </summary>
public sealed class SpeedTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task Diagnose_SignedInThroughAzureCli_RunsAzOnce()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "--auth", "azure-cli", "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        Assert.Empty((JArray)JObject.Parse(result.StdOut)["collectionErrors"]!);
        var invocation = Assert.Single(azure.AzInvocations);
        Assert.Contains("get-access-token", invocation);
    }

    [Fact]
    public async Task Diagnose_EveryArmReadSharesOneConnection()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, new FakeArmOptions { Latency = TimeSpan.FromMilliseconds(50) });

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        Assert.True(azure.Arm.ArmPaths.Count > 10, $"{azure.Arm.ArmPaths.Count} ARM reads");
        // HTTP/2: the reads that run at once multiplex on one connection (the credential-less warm-up may open it).
        Assert.True(azure.Arm.Connections <= 2, $"{azure.Arm.Connections} connections for {azure.Arm.Requests.Count} requests");
    }
}
