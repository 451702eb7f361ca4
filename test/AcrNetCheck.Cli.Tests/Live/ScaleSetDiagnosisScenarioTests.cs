using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Paths;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// <c>--aks</c> and <c>--from &lt;vmss instance&gt;</c> through the built CLI against the local ARM: each agent pool's scale set is found in
/// the node resource group and one instance's NIC listed; Network Watcher's networkConfigurationDiagnostic for that NIC runs as a
/// long-running POST (202, Location polled) with its real request body, is recorded, and decides the NSG hop.
/// </summary>
public sealed class ScaleSetDiagnosisScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private static readonly string NodeNic = ScaleSetDiagnosisHopTests.NodeNic;
    private static readonly string NicNsg = ScaleSetDiagnosisHopTests.NicNsg;
    private const string RegistryAddress = ScaleSetDiagnosisHopTests.RegistryAddress;

    [Fact]
    public async Task Aks_NodeNicNsgOnlyTheDiagnosisShows_DeniesTheRegistry_BlockedAtNsgWithTheRule()
    {
        var fixture = ScaleSetDiagnosisHopTests.AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Deny", (NicNsg, NodeNic, "UserRule_DenyAcrOut", "Deny"), (EvidenceBuilder.NsgId("nsg-subnet"), ScaleSetDiagnosisHopTests.NodeSubnet, "UserRule_AllowAll", "Allow"))
            .Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId, "-o", "json");

        var report = JObject.Parse(result.StdOut);
        var finding = report["findings"]!.Single(f => f.Value<string>("id") == "vnet.nsg-denies-outbound");
        Assert.Contains("rule DenyAcrOut", finding.Value<string>("message"));
        Assert.Contains("NIC aks-system-12345678-nic (Network Watcher diagnostic)", finding.Value<string>("message"));
        var nsg = report.SelectTokens("paths[*].steps[?(@.step == 'nsg')]").First();
        Assert.Equal(("blocked", "NSG deny (rule 'DenyAcrOut', effective)"), (nsg.Value<string>("status"), nsg.Value<string>("label")));
        Assert.Contains("The configuration alone predicted \"NSG none\"", nsg.Value<string>("detail"));
        Assert.Contains(report.SelectToken("vantage.notes")!.Values<string>(), n => n!.Contains("one representative instance, NIC aks-system-12345678-nic"));
        Assert.Contains(report.SelectToken("vantage.notes")!.Values<string>(), n => n!.Contains("effective routes are not available for scale-set instances"));

        Assert.Contains(azure.Arm.ArmReads, r => r.PathAndQuery.StartsWith(EvidenceBuilder.ScaleSetsList() + "?api-version=2024-07-01"));
        Assert.Contains(azure.Arm.ArmReads, r => r.PathAndQuery.StartsWith(EvidenceBuilder.ScaleSetId("aks-system-12345678-vmss") + "/networkInterfaces?api-version=2018-10-01"));
        var post = azure.Arm.Requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/networkConfigurationDiagnostic?api-version=2024-05-01"));
        var body = JObject.Parse(post.Body);
        Assert.Equal((NodeNic, "Normal"), (body.Value<string>("targetResourceId"), body.Value<string>("verbosityLevel")));
        var profile = (JObject)body["profiles"]!.Single();
        Assert.Equal(("Outbound", "TCP", "10.240.0.4", RegistryAddress, "443"),
            (profile.Value<string>("direction"), profile.Value<string>("protocol"), profile.Value<string>("source"), profile.Value<string>("destination"), profile.Value<string>("destinationPort")));
        Assert.True(azure.Arm.PendingPollsAnswered >= 1, "the operation was polled past a 202");
        Assert.DoesNotContain(azure.Arm.Requests, r => r.PathAndQuery.Contains("/effectiveRouteTable") || r.PathAndQuery.Contains("/effectiveNetworkSecurityGroups"));
    }

    [Fact]
    public async Task Aks_DiagnosisAllows_NoNsgFinding_AndCollectRecordsItForAnalyze()
    {
        var fixture = ScaleSetDiagnosisHopTests.AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Allow", (NicNsg, NodeNic, "DefaultRule_AllowInternetOutBound", "Allow")).Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var diagnosed = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId, "-o", "json");
        var collected = await azure.RunAsync("collect", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId);

        var report = JObject.Parse(diagnosed.StdOut);
        Assert.Equal("passed", report["checks"]!.Single(c => c.Value<string>("id") == "vnet.nsg-denies-outbound").Value<string>("outcome"));
        Assert.Equal("NSG allow (rule 'AllowInternetOutBound', effective)", report.SelectTokens("paths[*].steps[?(@.step == 'nsg')]").First().Value<string>("label"));
        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Equal([NodeNic], bundle.Vantage!.ScaleSetNetworkInterfaceIds!);
        Assert.Contains(NetworkWatcherChecks.DiagnosticKey(EvidenceBuilder.WatcherId(), NodeNic, RegistryAddress), bundle.Arm!.Resources.Keys);
        var replayed = Analyzer.Analyze(bundle).Paths.First().Steps.Single(s => s.Step == Core.Paths.PathStep.Nsg);
        Assert.Equal("NSG allow (rule 'AllowInternetOutBound', effective)", replayed.Label);
    }

    [Fact]
    public async Task DiagnosisRefused_CollectionErrorNamesTheAction_TheReportFinishes()
    {
        var fixture = ScaleSetDiagnosisHopTests.AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Deny", (NicNsg, NodeNic, "UserRule_DenyAcrOut", "Deny")).Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture,
            new FakeArmOptions { Faults = [new ArmFault("/networkConfigurationDiagnostic", 403, "AuthorizationFailed")] });

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId, "-o", "json");

        var report = JObject.Parse(result.StdOut);
        var error = report["collectionErrors"]!.Single(e => e.Value<string>("read") == "networkConfigurationDiagnostic");
        Assert.Equal((403, "Microsoft.Network/networkWatchers/networkConfigurationDiagnostic/action"), (error.Value<int>("status"), error.Value<string>("requiredPermission")));
        var nsg = report.SelectTokens("paths[*].steps[?(@.step == 'nsg')]").First();
        Assert.Equal("NSG none", nsg.Value<string>("label"));
        Assert.Contains(nsg["assumptions"]!.Values<string>(), a => a!.Contains("networkConfigurationDiagnostic/action"));
    }

    [Fact]
    public async Task Aks_EachPoolsScaleSetByTagOrName_OneInstanceNicKept_APoolWithoutOneIsNoted()
    {
        var userNic = EvidenceBuilder.ScaleSetNicId("aks-user-12345678-vmss");
        var fixture = EvidenceBuilder.Create().Registry().ReplicationsRead().ServiceTag("AzureContainerRegistry.EastUS", "20.42.66.0/24")
            .ClientSubnet("vnet-aks", "aks-system", "10.240.0.0/16", "10.240.0.0/12").AksCluster()
            .AksPoolScaleSet("system", ScaleSetDiagnosisHopTests.NodeSubnet, "10.240.0.4", instances: 3)
            .AksPoolScaleSet("user", ScaleSetDiagnosisHopTests.NodeSubnet, "10.240.0.10", tagged: false)
            .NetworkWatchers("eastus").Build();
        var pools = (JArray)fixture.Arm!.Resources[EvidenceBuilder.ClusterId].SelectToken("properties.agentPoolProfiles")!;
        pools.Add(new JObject { ["name"] = "user", ["mode"] = "User", ["vnetSubnetID"] = ScaleSetDiagnosisHopTests.NodeSubnet });
        pools.Add(new JObject { ["name"] = "gpu", ["mode"] = "User", ["vnetSubnetID"] = ScaleSetDiagnosisHopTests.NodeSubnet });
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId);

        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Equal([NodeNic, userNic], bundle.Vantage!.ScaleSetNetworkInterfaceIds!);
        Assert.Equal([NodeNic], bundle.Arm!.Lists[EvidenceBuilder.ScaleSetId("aks-system-12345678-vmss") + "/networkInterfaces"]);
        Assert.DoesNotContain(EvidenceBuilder.ScaleSetNicId("aks-system-12345678-vmss", "1"), bundle.Arm.Resources.Keys);
        Assert.Contains(bundle.Vantage.Notes, n => n.StartsWith("agent pool gpu: no scale set of it in node resource group " + EvidenceBuilder.NodeResourceGroup));
        Assert.Equal([NodeNic, userNic], azure.Arm.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.Contains("/networkConfigurationDiagnostic?"))
            .Select(r => JObject.Parse(r.Body).Value<string>("targetResourceId")).Order());
    }

    [Fact]
    public async Task FromScaleSetInstance_ItsPrimaryNicIsDiagnosed()
    {
        var instance = EvidenceBuilder.ScaleSetId("aks-system-12345678-vmss") + "/virtualMachines/0";
        var fixture = ScaleSetDiagnosisHopTests.AksNodes().NetworkWatchers("eastus")
            .NsgDiagnosed(NodeNic, RegistryAddress, "Deny", (NicNsg, NodeNic, "UserRule_DenyAcrOut", "Deny")).Build();
        fixture.Arm!.Lists[$"{instance}/networkInterfaces"] = [NodeNic];
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", instance);

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Equal((VantageSourceKind.VmssInstance, ScaleSetDiagnosisHopTests.NodeSubnet), (bundle.Vantage!.Source!.Kind, bundle.Vantage.SubnetId));
        Assert.Equal([NodeNic], bundle.Vantage.ScaleSetNetworkInterfaceIds!);
        Assert.Contains(azure.Arm.ArmReads, r => r.PathAndQuery.StartsWith($"{instance}/networkInterfaces?api-version=2018-10-01"));
        Assert.Contains(azure.Arm.ArmReads, r => r.PathAndQuery.StartsWith(EvidenceBuilder.ScaleSetId("aks-system-12345678-vmss") + "?api-version=2024-07-01"));
        Assert.Contains(Analyzer.Analyze(bundle).Findings, f => f.Id == "vnet.nsg-denies-outbound" && f.Message.Contains("DenyAcrOut"));
    }
}
