using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// <c>--remote-probe</c> through the built CLI against the local ARM: the probe script runs on the VM through Run Command or in
/// the AKS cluster through its runCommand (long-running POSTs), and its output is the probe evidence, from that machine.
/// </summary>
public sealed class RemoteProbeScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task Vm_ResolvesTheRegistryPublicly_WhereAPrivateEndpointIsDue()
    {
        var builder = EvidenceBuilder.Create().Registry().ReplicationsRead().HubPrivateEndpoint().ClientVmFrom();
        builder.Resource(new JObject
        {
            ["id"] = $"{EvidenceBuilder.VmId}/runCommand",
            ["value"] = new JArray(new JObject
            {
                ["code"] = "ProvisioningState/succeeded", ["level"] = "Info", ["displayStatus"] = "Provisioning succeeded",
                ["message"] = "Enable succeeded: \n[stdout]\nacr-netcheck|contoso.azurecr.io|resolved|20.42.65.1|0|403|20.42.65.1\n" +
                              "acr-netcheck|contoso.eastus.data.azurecr.io|resolved|20.42.65.2|0|403|20.42.65.2\n\n[stderr]\n",
            }),
        });
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, builder.Build());

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", EvidenceBuilder.VmId, "--remote-probe", "--debug");

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Equal(("azure-vm", "vm-app"), (bundle.Vantage!.Kind, bundle.Vantage.Hostname));
        Assert.Contains(bundle.Vantage.Notes, n => n.Contains("through Run Command"));
        Assert.DoesNotContain(bundle.Vantage.Notes, n => n.Contains("no probe ran there"));
        Assert.Equal(["20.42.65.1"], bundle.Probes!.Endpoints.Single(e => e.Host == "contoso.azurecr.io").Dns[0].Addresses);
        var run = JObject.Parse(azure.Arm.Requests.Single(r => r.Method == "POST" && r.PathAndQuery.Contains("/runCommand?")).Body);
        Assert.Equal("RunShellScript", run.Value<string>("commandId"));
        Assert.Contains(run["script"]!.Values<string>(), line => line!.Contains("probe contoso.azurecr.io"));
        Assert.DoesNotContain(azure.Arm.AccessToken, run.ToString());
        Assert.Contains("getent ahostsv4", collected.StdErr);
        Assert.Contains(Analyzer.Analyze(bundle).Findings, f => f.Id == "vnet.resolves-public-ip");
    }

    [Fact]
    public async Task Aks_NodeCannotResolveTheRegistry()
    {
        var builder = EvidenceBuilder.Create().Registry().ReplicationsRead()
            .Subnet("vnet-aks", "aks-system", "10.2.0.0/22").VirtualNetwork("vnet-aks", "10.2.0.0/16").AksCluster();
        builder.Resource(new JObject
        {
            ["id"] = $"{EvidenceBuilder.ClusterId}/runCommand",
            ["properties"] = new JObject { ["provisioningState"] = "Succeeded", ["exitCode"] = 0, ["logs"] = "acr-netcheck|contoso.azurecr.io|nxdomain||||\n" },
        });
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, builder.Build());

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId, "--remote-probe", "-o", "json");

        var report = JObject.Parse(result.StdOut);
        Assert.Equal("aks-node", report.SelectToken("vantage.kind")?.Value<string>());
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == "client.dns-unresolvable");
        Assert.Contains(azure.Arm.Requests, r => r.Method == "POST" && r.PathAndQuery.Contains("/managedClusters/aks-prod/runCommand?api-version=2024-09-01"));
    }

    [Fact]
    public async Task RunCommandRefused_NamesThePermission()
    {
        var fixture = EvidenceBuilder.Create().Registry().ReplicationsRead().ClientVmFrom().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture,
            new FakeArmOptions { Faults = [new ArmFault("/runCommand", 403, "AuthorizationFailed")] });

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--from", EvidenceBuilder.VmId, "--remote-probe");

        var error = Assert.Single(EvidenceLoader.Parse(collected.StdOut, "stdout").CollectionErrors, e => e.Read == "runCommand");
        Assert.Equal((403, "Microsoft.Compute/virtualMachines/runCommand/action"), (error.Status, error.RequiredPermission));
    }

    [Fact]
    public async Task RemoteProbeWithoutAVmOrCluster_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("diagnose", "-n", "contoso", "--remote-probe", "--from", EvidenceBuilder.SubnetId("vnet-app", "snet-client"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--remote-probe", result.StdErr);
    }
}
