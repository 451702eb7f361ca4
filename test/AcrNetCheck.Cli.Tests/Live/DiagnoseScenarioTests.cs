using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The built tool against a local ARM, as a user runs it: finding ids per scenario, partial failures, retries and the timeout.
/// </summary>
public sealed class DiagnoseScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task HealthyPublicRegistry_NoFindingAndEveryReadSucceeds()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Equal("healthy", report.Value<string>("status"));
        Assert.Empty((JArray)report["findings"]!);
        Assert.Empty((JArray)report["collectionErrors"]!);
    }
}

/// <summary>One generated CA and server certificate per test class.</summary>
public sealed class CertificatesFixture : IDisposable
{
    public TestCertificates Certificates { get; } = new();
    public void Dispose() => Certificates.Dispose();
}
