using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// <c>--from &lt;vm | nic&gt;</c> through the built CLI against the local ARM: the VM's primary NIC is found, its effective routes and
/// security rules come from long-running POSTs (202, Location polled until the result), are recorded, and decide the path.
/// </summary>
public sealed class EffectiveStateScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private static readonly string Subnet = EvidenceBuilder.SubnetId("vnet-app", "snet-client");
    private static readonly string Nic = EvidenceBuilder.NicId("vm-app-nic");
    private static readonly string Vm = $"/subscriptions/{EvidenceBuilder.Subscription}/resourceGroups/rg-app/providers/Microsoft.Compute/virtualMachines/vm-app";

    [Fact]
    public async Task FromVm_NsgDenyOnlyTheEffectiveRulesShow_IsFound_AfterPollingTheOperation()
    {
        var fixture = ClientVm().EffectiveRoutes("vm-app-nic", ("Default", "0.0.0.0/0", "Internet", null))
            .EffectiveNsg("vm-app-nic", "nsg-vm", rules: new NsgRule("DenyWebOut", 200, "Deny", "Internet")).Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--from", Vm, "-o", "json");

        var report = JObject.Parse(result.StdOut);
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == "vnet.nsg-denies-outbound" && f.Value<string>("message")!.Contains("effective rules"));
        Assert.Equal(Nic, report.SelectToken("vantage.networkInterfaceId")?.Value<string>());
        Assert.Contains(azure.Arm.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("/effectiveNetworkSecurityGroups?api-version=2024-05-01"));
        Assert.True(azure.Arm.PendingPollsAnswered >= 2, "each operation was polled past a 202");
    }

    [Fact]
    public async Task FromNic_RouteLearnedFromTheGateway_IsRecorded_AndAnalyzeReplaysIt()
    {
        var fixture = ClientVm().EffectiveRoutes("vm-app-nic", ("VirtualNetworkGateway", "0.0.0.0/0", "VirtualNetworkGateway", "10.255.0.4"))
            .EffectiveNsg("vm-app-nic", "nsg-vm").Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", Nic);

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Contains(ArmPaths.EffectiveRouteTable(Nic), bundle.Arm!.Resources.Keys);
        Assert.Contains(ArmPaths.EffectiveNetworkSecurityGroups(Nic), bundle.Arm.Resources.Keys);
        Assert.Equal([Subnet], new EvidenceView(bundle).SourceSubnetIds);
        Assert.Contains(Analyzer.Analyze(bundle).Findings, f => f.Id == "vnet.effective-route-diverts-registry-traffic");
    }

    [Fact]
    public async Task EffectiveRoutesRefused_CollectionErrorNamesTheAction_TheRestIsJudged()
    {
        var fixture = ClientVm().EffectiveRoutes("vm-app-nic", ("Default", "0.0.0.0/0", "Internet", null)).EffectiveNsg("vm-app-nic", "nsg-vm").Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture,
            new FakeArmOptions { Faults = [new ArmFault("/effectiveRouteTable", 403, "AuthorizationFailed")] });

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", Nic);

        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        var error = Assert.Single(bundle.CollectionErrors);
        Assert.Equal(("effectiveRouteTable", 403, "Microsoft.Network/networkInterfaces/effectiveRouteTable/action"), (error.Read, error.Status, error.RequiredPermission));
        Assert.Contains(ArmPaths.EffectiveNetworkSecurityGroups(Nic), bundle.Arm!.Resources.Keys);
        var check = Analyzer.Analyze(bundle).Checks.Single(c => c.Id == "vnet.effective-route-drops-registry-traffic");
        Assert.Equal(Core.Rules.RuleOutcome.Skipped, check.Outcome);
    }

    /// <summary>A public registry; VM vm-app whose only NIC sits in snet-client (no NSG, no route table in configuration).</summary>
    private static EvidenceBuilder ClientVm() => EvidenceBuilder.Create().Registry().ReplicationsRead()
        .ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
        .ClientSubnet().ClientNic("vm-app-nic", Subnet, "10.2.0.4")
        .Resource(JObject.FromObject(new
        {
            id = Vm, name = "vm-app", type = "Microsoft.Compute/virtualMachines", location = "eastus",
            properties = new { networkProfile = new { networkInterfaces = new[] { new { id = Nic, properties = new { primary = true } } } } },
        }));
}
