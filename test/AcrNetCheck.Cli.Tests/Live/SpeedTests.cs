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

    /// <summary>
    /// A full diagnose (ARM and login events; the probes need a namespace) waits for at most 4 round trips one after another
    /// once signed in: finding the registry by name, its document with its child collections, the workspace, the query.
    /// </summary>
    [Fact]
    public async Task Diagnose_WithLogs_AtMostFourSequentialRoundTrips()
    {
        var scenario = LogsScenario.FromSample("logs-denied-logins");
        await using var azure = await scenario.StartAsync(certs.Certificates, new FakeArmOptions { Latency = TimeSpan.FromMilliseconds(150) });

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Empty((JArray)report["collectionErrors"]!);
        Assert.NotEmpty(azure.Logs!.QueryTimings);
        var requests = azure.Arm.ReadTimings.Concat(azure.Logs.QueryTimings).ToList();
        var sequential = TimedRequest.SequentialRoundTrips(requests);
        Assert.True(sequential <= 4, $"{sequential} sequential round trips over {requests.Count} requests:\n" +
            string.Join("\n", requests.OrderBy(r => r.Start).Select(r => $"{r.Start:HH:mm:ss.fff}-{r.End:HH:mm:ss.fff} {r.Method} {r.Path}")));
    }

    /// <summary>
    /// Found by name, the registry's region comes with the lookup: the service tags are read alongside the registry and its
    /// children, so everything after the lookup is one level of reads (it was two: the tags waited for the registry).
    /// </summary>
    [Fact]
    public async Task Diagnose_ByName_EveryReadIsOneLevelAfterTheLookup()
    {
        var scenario = ArmScenario.FromSample("healthy-public");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "--no-probes", "--no-logs", "--verbose", "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        Assert.Contains(azure.Arm.ArmPaths, path => path.EndsWith("/serviceTags", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(", dependency depth 1,", result.StdErr);
    }

    /// <summary>A private endpoint's graph (registry → endpoint → NIC and subnet → NSG) is 4 deep; with -g nothing comes before it.</summary>
    [Fact]
    public async Task Diagnose_PrivateEndpointWithGroup_AtMostFourSequentialRoundTrips()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, new FakeArmOptions { Latency = TimeSpan.FromMilliseconds(150) });

        var result = await azure.RunAsync(scenario.Args("diagnose", "-g", Core.Tests.Support.EvidenceBuilder.Group, "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        var sequential = TimedRequest.SequentialRoundTrips(azure.Arm.ReadTimings);
        Assert.True(sequential <= 4, $"{sequential} sequential round trips:\n" +
            string.Join("\n", azure.Arm.ReadTimings.OrderBy(r => r.Start).Select(r => $"{r.Start:HH:mm:ss.fff}-{r.End:HH:mm:ss.fff} {r.Path}")));
    }
    /// <summary>
    /// An AKS cluster named without its id is looked for in the registry's subscription, which is known before the registry is
    /// found: both lookups go out together instead of one after the other.
    /// </summary>
    [Fact]
    public async Task Diagnose_AksByName_FindsTheClusterAlongsideTheRegistry()
    {
        var fixture = SourceScenarioTests.AksScenario(out _);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture, new FakeArmOptions { Latency = TimeSpan.FromMilliseconds(150) });

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", "aks-prod", "--no-probes", "--no-logs", "-o", "json");

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        Assert.Equal("aks", JObject.Parse(result.StdOut).SelectToken("vantage.source.kind")?.Value<string>());
        var lookups = azure.Arm.ReadTimings.Where(r => r.Path.EndsWith("/resources", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(2, lookups.Count);
        Assert.True(lookups[0].Start < lookups[1].End && lookups[1].Start < lookups[0].End,
            "the cluster's lookup waited for the registry's:\n" + string.Join("\n", lookups.Select(r => $"{r.Start:HH:mm:ss.fff}-{r.End:HH:mm:ss.fff} {r.Path}")));
    }
    /// <summary>
    /// Found by name, a private endpoint's graph is lookup → registry → endpoint → its NIC and subnet; the caller's permissions at
    /// the endpoint's subnet are read as soon as the endpoint names it, beside the subnet, not after the whole graph.
    /// </summary>
    [Fact]
    public async Task Diagnose_PrivateEndpointByName_SubnetPermissionsAddNoRoundTrip()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-dns-not-linked");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, new FakeArmOptions { Latency = TimeSpan.FromMilliseconds(150) });

        var result = await azure.RunAsync(scenario.Args("diagnose", "--no-probes", "--no-logs", "-o", "json"));

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound, result.StdErr);
        Assert.Contains(azure.Arm.ReadTimings, r => r.Path.Contains("/subnets/", StringComparison.OrdinalIgnoreCase) && r.Path.EndsWith("/providers/Microsoft.Authorization/permissions", StringComparison.OrdinalIgnoreCase));
        var sequential = TimedRequest.SequentialRoundTrips(azure.Arm.ReadTimings);
        Assert.True(sequential <= 4, $"{sequential} sequential round trips:\n" +
            string.Join("\n", azure.Arm.ReadTimings.OrderBy(r => r.Start).Select(r => $"{r.Start:HH:mm:ss.fff}-{r.End:HH:mm:ss.fff} {r.Path}")));
    }
}
