using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;
using B = AcrNetCheck.Core.Tests.Support.EvidenceBuilder;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The article's smaller VNet points through the built tool: diagnose against the local ARM (Bastion, service endpoints beside
/// private endpoints, the private endpoint subnet's NSG) and probe in a namespace (a client outside Azure relying on a VNet rule).
/// </summary>
public sealed class VnetGuidanceScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private static readonly string HubBuildSubnet = B.SubnetId("vnet-hub", "snet-build");

    [Fact]
    public async Task PrivateEndpointSubnetNsgDeniesTheClientSubnet_FromItsSubnet()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-nsg-denies-inbound", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
        var finding = JObject.Parse(result.StdOut)["findings"]!.Single(f => (string)f["id"]! == PrivateEndpointNsgDeniesInboundRule.Id);
        Assert.Contains("DenyBuildSubnetInbound", (string)finding["message"]!);
    }

    [Fact]
    public async Task BastionAndLegacyServiceEndpointRule_BesideAPrivateEndpoint_AreStated()
    {
        var fixture = B.Create().Registry().ReplicationsRead().DefaultDeny().VnetRule(HubBuildSubnet)
            .PrivateEndpointWithDns().Subnet("vnet-hub", "snet-pe", "10.1.0.0/27", usedAddresses: 3)
            .Subnet("vnet-hub", "snet-build", "10.1.1.0/24", serviceEndpoints: ["Microsoft.ContainerRegistry"]).VirtualNetwork("vnet-hub").Bastion("vnet-hub")
            .Provider(B.Subscription).Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--query", "findings[?severity=='info'].id");

        var ids = JArray.Parse(result.StdOut).Values<string>().ToList();
        Assert.Contains(BastionNotSupportedRule.Id, ids);
        Assert.Contains(ServiceEndpointBesidePrivateEndpointRule.Id, ids);
    }

    [NamespaceFact]
    public async Task ClientOutsideAzureRelyingOnAVnetRule_IsToldOnlyAnIpRuleAdmitsIt()
    {
        const string login = "contoso.azurecr.io";
        using var scenario = new NetnsScenario().Record(login, "127.0.0.1").Registry("ip-not-allowed");
        var bundle = Path.Combine(scenario.WorkDirectory, "arm.json");
        File.WriteAllText(bundle, EvidenceLoader.Serialize(B.Create().Registry().DefaultDeny().VnetRule(HubBuildSubnet).Build()));

        var result = await scenario.RunToolAsync("probe", "--bundle", bundle, "-o", "json", "--timeout", "6");

        var findings = result.Report["findings"]!;
        var vnetRule = findings.Single(f => (string)f["id"]! == ServiceEndpointNeedsAzureHostRule.Id);
        Assert.Contains($"no IP rule covers this machine's address {RegistryStandIn.DeniedIp}", (string)vnetRule["message"]!);
        Assert.Contains($"az acr network-rule add --name contoso --ip-address {RegistryStandIn.DeniedIp}", vnetRule["solution"]!.Values<string>());
        // The same 403 says the portal on this machine cannot list repositories either.
        Assert.Contains(findings, f => (string)f["id"]! == PortalClientNotAllowedRule.Id && (string)f["subject"]! == RegistryStandIn.DeniedIp);
        Assert.Equal(ExitCodes.ProblemsFound, result.ExitCode);
    }
}
