using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// diagnose --from &lt;vnet&gt; and --aks as a user runs them against the local ARM: the source's subnets are found from ARM
/// (the VNet's subnets, the cluster's agent-pool subnets), each judged, identical verdicts grouped in -o table.
/// </summary>
public sealed class SourceScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const string Cluster = "/subscriptions/" + EvidenceBuilder.Subscription + "/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod";
    private static readonly string[] PoolSubnets = ["aks-system", "aks-user", "aks-gpu"];

    [Fact]
    public async Task FromVnet_JudgesEverySubnet_GroupsIdenticalVerdicts()
    {
        var fixture = AksScenario(out var expected);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var json = await azure.RunAsync("diagnose", "-n", "contoso", "--from", EvidenceBuilder.VnetId("vnet-aks"), "-o", "json");
        azure.Environment["COLUMNS"] = "1000"; // one line per path group, as on a wide terminal
        var table = await azure.RunAsync("diagnose", "-n", "contoso", "--from", EvidenceBuilder.VnetId("vnet-aks"), "-o", "table");

        var report = JObject.Parse(json.StdOut);
        Assert.Equal(expected.Findings.Select(f => f.Id), report["findings"]!.Select(f => f.Value<string>("id")));
        Assert.Equal(("vnet", EvidenceBuilder.VnetId("vnet-aks")), (report.SelectToken("vantage.source.kind")?.Value<string>(), report.SelectToken("vantage.source.id")?.Value<string>()));
        Assert.Equal(PoolSubnets.Select(s => EvidenceBuilder.SubnetId("vnet-aks", s)).Order(), report["paths"]!.SelectMany(p => p["sourceSubnetIds"]!.Values<string>()).Distinct().Order());
        // aks-system and aks-user share every verdict: one line names both; aks-gpu's NSG blocks the private endpoint address.
        Assert.Contains(table.StdOut.Split('\n'), line => line.Contains("aks-system") && line.Contains("aks-user") && !line.Contains("aks-gpu"));
        Assert.Contains(table.StdOut.Split('\n'), line => line.Contains("aks-gpu") && line.Contains("blocked"));
    }

    [Fact]
    public async Task Aks_ByName_ReadsTheClusterAndItsPoolSubnets()
    {
        var fixture = AksScenario(out var expected);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("collect", "-n", "contoso", "--aks", "aks-prod");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var bundle = EvidenceLoader.Parse(result.StdOut, "stdout");
        Assert.Equal((VantageSourceKind.Aks, Cluster), (bundle.Vantage!.Source!.Kind, bundle.Vantage.Source.Id));
        Assert.Equal(PoolSubnets.Select(s => EvidenceBuilder.SubnetId("vnet-aks", s)), bundle.Vantage.SourceSubnetIds);
        Assert.Contains(Cluster, bundle.Arm!.Resources.Keys);
        Assert.Equal(expected.Findings.Select(f => f.Id), Analyzer.Analyze(bundle).Findings.Select(f => f.Id));
    }

    [Fact]
    public async Task Aks_ManagedVnet_UsesTheNodeResourceGroupsVnet()
    {
        const string nodeGroup = "MC_rg-aks_aks-prod_eastus";
        var managedVnet = $"/subscriptions/{EvidenceBuilder.Subscription}/resourceGroups/{nodeGroup}/providers/Microsoft.Network/virtualNetworks/aks-vnet-1234";
        var fixture = AksScenario(out _, nodeGroup, poolsInCustomSubnets: false);
        fixture.Arm!.Resources[managedVnet] = VnetWithSubnets(managedVnet, "aks-subnet");
        fixture.Arm.Resources[managedVnet + "/subnets/aks-subnet"] = JObject.FromObject(new { id = managedVnet + "/subnets/aks-subnet", name = "aks-subnet", type = "Microsoft.Network/virtualNetworks/subnets", properties = new { addressPrefix = "10.224.0.0/16" } });
        fixture.Arm.Lists[$"/subscriptions/{EvidenceBuilder.Subscription}/resourceGroups/{nodeGroup}/providers/Microsoft.Network/virtualNetworks"] = [managedVnet];
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("collect", "-n", "contoso", "--aks", Cluster);

        var bundle = EvidenceLoader.Parse(result.StdOut, "stdout");
        Assert.Equal([managedVnet + "/subnets/aks-subnet"], bundle.Vantage!.SourceSubnetIds!);
        Assert.Contains(bundle.Vantage.Notes, n => n.Contains(nodeGroup));
    }

    /// <summary>A client subnet in another subscription than the registry: both subscriptions are read.</summary>
    [Fact]
    public async Task FromSubnetInAnotherSubscription_ReadsBothSubscriptions()
    {
        const string other = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d";
        var clientSubnet = EvidenceBuilder.SubnetId("vnet-apps", "snet-apps", other);
        var fixture = EvidenceBuilder.Create().Registry().DefaultDeny().VnetRule(clientSubnet).ReplicationsRead()
            .Subnet("vnet-apps", "snet-apps", "10.3.0.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"], subscription: other)
            .VirtualNetwork("vnet-apps", "10.3.0.0/16", subscription: other)
            .Provider(EvidenceBuilder.Subscription).Provider(other, "NotRegistered")
            .Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("collect", "-n", "contoso", "--from", clientSubnet);

        Assert.True(result.ExitCode == 0, result.StdErr);
        var bundle = EvidenceLoader.Parse(result.StdOut, "stdout");
        Assert.Equal([clientSubnet], new EvidenceView(bundle).SourceSubnetIds);
        Assert.Contains(clientSubnet, bundle.Arm!.Resources.Keys);
        Assert.Contains(EvidenceBuilder.VnetId("vnet-apps", other), bundle.Arm.Resources.Keys);
        Assert.Contains(ArmPaths.Provider(other), bundle.Arm.Resources.Keys);
        Assert.Contains(azure.Arm.ArmPaths, p => p.StartsWith($"/subscriptions/{other}/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(azure.Arm.ArmPaths, p => p.StartsWith($"/subscriptions/{EvidenceBuilder.Subscription}/", StringComparison.OrdinalIgnoreCase));
        var report = Analyzer.Analyze(bundle);
        Assert.Contains(report.Findings, f => f.Id == "vnet.provider-not-registered" && f.Message.Contains(other));
        Assert.Contains(report.Paths, p => p.SourceSubnetIds.Contains(clientSubnet));
    }

    [Theory]
    [InlineData("--from", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg")]
    [InlineData("--aks", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v")]
    public async Task WrongKindOfResource_IsAUsageError(string option, string id)
    {
        var result = await CliRunner.RunAsync("diagnose", "-n", "contoso", option, id);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains(option, result.StdErr);
    }

    /// <summary>The aks-pools-paths sample as ARM holds it: its VNet embeds its subnets, and the cluster names them per pool.</summary>
    internal static EvidenceBundle AksScenario(out Report expected, string nodeGroup = "MC_rg-aks_aks-prod_eastus", bool poolsInCustomSubnets = true)
    {
        var scenario = ArmScenario.FromSample("aks-pools-paths");
        var sample = Samples.SampleDefinitions.All["aks-pools-paths"]();
        sample.Probes = null;
        expected = Analyzer.Analyze(sample);
        var resources = scenario.Fixture.Arm!.Resources;
        var vnetId = EvidenceBuilder.VnetId("vnet-aks");
        ((JObject)resources[vnetId]["properties"]!)["subnets"] = new JArray(PoolSubnets.Select(s => new JObject { ["id"] = EvidenceBuilder.SubnetId("vnet-aks", s), ["name"] = s }));
        resources[Cluster] = JObject.FromObject(new
        {
            id = Cluster, name = "aks-prod", type = "Microsoft.ContainerService/ManagedClusters", location = "eastus",
            properties = new
            {
                nodeResourceGroup = nodeGroup,
                agentPoolProfiles = PoolSubnets.Select(s => poolsInCustomSubnets
                    ? (object)new { name = s.Replace("aks-", ""), mode = "User", vnetSubnetID = EvidenceBuilder.SubnetId("vnet-aks", s) }
                    : new { name = s.Replace("aks-", ""), mode = "User" }).ToArray(),
                networkProfile = new { networkPlugin = poolsInCustomSubnets ? "azure" : "kubenet" },
            },
        });
        return scenario.Fixture;
    }

    private static JObject VnetWithSubnets(string vnetId, params string[] subnets) => JObject.FromObject(new
    {
        id = vnetId, name = new ResourceId(vnetId).Name, type = "Microsoft.Network/virtualNetworks", location = "eastus",
        properties = new { addressSpace = new { addressPrefixes = new[] { "10.224.0.0/12" } }, subnets = subnets.Select(s => new { id = $"{vnetId}/subnets/{s}", name = s }).ToArray() },
    });
}
