using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// <c>--aks</c> answers az aks check-acr's identity question from ARM, through the built CLI against the local ARM: the role
/// assignments at the registry and the kubelet's role definitions are read, recorded and judged.
/// </summary>
public sealed class KubeletRoleScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const string KubeletRule = "auth.aks-kubelet-cannot-pull";

    [Fact]
    public async Task KubeletWithoutAcrPull_IsAnAuthFindingWithTheAttachFix()
    {
        var fixture = Cluster().RoleAssignmentsRead()
            .RoleAssignment("ce2ce14e-85d7-4629-bdbc-454d0519d987", EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId)).AcrPullDefinition().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId, "-o", "json");

        var report = JObject.Parse(result.StdOut);
        var finding = Assert.Single(report["findings"]!, f => f.Value<string>("id") == KubeletRule);
        Assert.Contains(EvidenceBuilder.KubeletObjectId, finding.Value<string>("message"));
        Assert.Contains(finding["solution"]!.Values<string>(), fix => fix!.StartsWith("az aks update --resource-group rg-aks --name aks-prod --attach-acr /subscriptions/", StringComparison.Ordinal));
        Assert.Contains(azure.Arm.ArmPaths, p => p.EndsWith("/registries/contoso/providers/Microsoft.Authorization/roleAssignments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KubeletWithAcrPull_IsRecordedAndPasses_AndAnalyzeReplaysIt()
    {
        var fixture = Cluster().RoleAssignmentsRead()
            .RoleAssignment(EvidenceBuilder.KubeletObjectId, EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId)).AcrPullDefinition().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture);

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId);

        Assert.True(collected.ExitCode == 0, collected.StdErr);
        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        Assert.Single(bundle.Arm!.Lists[ArmPaths.RoleAssignments(fixture.Target.ResourceId!)]);
        Assert.Contains(EvidenceBuilder.RoleDefinitionId(EvidenceBuilder.AcrPullRoleId), bundle.Arm.Resources.Keys);
        Assert.Equal(Core.Rules.RuleOutcome.Passed, Analyzer.Analyze(bundle).Checks.Single(c => c.Id == KubeletRule).Outcome);
    }

    [Fact]
    public async Task AssignmentsRefused_CollectionErrorNamesThePermission_RuleSkipped()
    {
        var fixture = Cluster().Build();
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, fixture,
            new FakeArmOptions { Faults = [new ArmFault("/providers/Microsoft.Authorization/roleAssignments", 403, "AuthorizationFailed")] });

        var collected = await azure.RunAsync("collect", "-n", "contoso", "--aks", EvidenceBuilder.ClusterId);

        var bundle = EvidenceLoader.Parse(collected.StdOut, "stdout");
        var error = Assert.Single(bundle.CollectionErrors, e => e.Read == "roleAssignments");
        Assert.Equal((403, "AuthorizationFailed", "Microsoft.Authorization/roleAssignments/read"), (error.Status, error.ErrorCode, error.RequiredPermission));
        var check = Analyzer.Analyze(bundle).Checks.Single(c => c.Id == KubeletRule);
        Assert.Equal(Core.Rules.RuleOutcome.Skipped, check.Outcome);
        Assert.Contains("Microsoft.Authorization/roleAssignments/read", check.Reason);
    }

    /// <summary>A public registry and an AKS cluster whose pool sits in vnet-aks.</summary>
    private static EvidenceBuilder Cluster() => EvidenceBuilder.Create().Registry().ReplicationsRead()
        .Subnet("vnet-aks", "aks-system", "10.2.0.0/22").VirtualNetwork("vnet-aks", "10.2.0.0/16").AksCluster();
}
