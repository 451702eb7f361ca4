using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// Network Watcher from the client VM (<c>--from &lt;vm&gt;</c>) through the built CLI against the local ARM: the region's watcher is
/// found, ipFlowVerify / nextHop / connectivityCheck run as long-running POSTs with their real request bodies, are recorded and judged.
/// </summary>
public sealed class NetworkWatcherScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task WatcherInTheRegion_ChecksRunAndADeniedFlowIsFound()
    {
        var fixture = EvidenceBuilder.Create().Registry().ReplicationsRead().ClientVmFrom().NetworkWatchers("eastus")
            .FlowVerified("20.42.66.0", "Deny", "securityRules/DenyWebOut").ConnectivityChecked("contoso.azurecr.io", "Connected");
        var nextHop = NetworkWatcherChecks.Key(EvidenceBuilder.WatcherId(), NetworkWatcherChecks.NextHop, "20.42.66.0");
        fixture.Resource(new JObject { ["id"] = nextHop, ["nextHopType"] = "Internet", ["routeTableId"] = "System Route" });
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture.Build());

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", EvidenceBuilder.VmId);

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Contains(nextHop, bundle.Arm!.Resources.Keys);
        var flow = azure.Arm.Requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/ipFlowVerify?"));
        var body = JObject.Parse(flow.Body);
        Assert.Equal(("Outbound", "TCP", "10.2.0.4", "20.42.66.0", "443", EvidenceBuilder.VmId),
            (body.Value<string>("direction"), body.Value<string>("protocol"), body.Value<string>("localIPAddress"), body.Value<string>("remoteIPAddress"), body.Value<string>("remotePort"), body.Value<string>("targetResourceId")));
        var report = Analyzer.Analyze(bundle);
        Assert.Contains(report.Findings, f => f.Id == "vnet.watcher-flow-denied" && f.Message.Contains("securityRules/DenyWebOut"));
        Assert.Equal(Core.Rules.RuleOutcome.Passed, report.Checks.Single(c => c.Id == "vnet.watcher-connection-failed").Outcome);
    }

    [Fact]
    public async Task NoWatcherInTheRegion_NoCheckRuns_SkippedWithTheEnablingCommand()
    {
        var fixture = EvidenceBuilder.Create().Registry().ReplicationsRead().ClientVmFrom().NetworkWatchers("westeurope").Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--from", EvidenceBuilder.VmId, "-o", "json");

        Assert.DoesNotContain(azure.Arm.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("/networkWatchers/"));
        var check = JObject.Parse(result.StdOut)["checks"]!.Single(c => c.Value<string>("id") == "vnet.watcher-flow-denied");
        Assert.Equal("skipped", check.Value<string>("outcome"));
        Assert.Contains("az network watcher configure --resource-group NetworkWatcherRG --locations eastus --enabled true", check.Value<string>("reason"));
    }
}
