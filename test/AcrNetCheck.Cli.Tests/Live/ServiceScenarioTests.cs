using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Rules.Service;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The built tool against a local ARM that shapes the registry per api-version as ARM does (the 2021-08-01-preview read has
/// virtualNetworkRules but no networkRuleBypassAllowedForTasks; 2025-11-01 the reverse): what Azure services can reach.
/// </summary>
public sealed class ServiceScenarioTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    private const string CurrentApiVersion = "2025-11-01";

    [Fact]
    public async Task TasksOnSharedAgents_BypassOffInTheCurrentRead_TasksBlockedAndReplayedByAnalyze()
    {
        var scenario = ArmScenario.FromSample("tasks-blocked");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);
        var bundlePath = Path.Combine(azure.ConfigDir, "bundle.json");

        var diagnose = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));
        var collect = await azure.RunAsync(scenario.Args("collect", "--out", bundlePath));
        var analyze = await ToolProcess.RunAsync(azure.Environment, null, "analyze", bundlePath, "-o", "json");

        Assert.True(diagnose.ExitCode == ExitCodes.ProblemsFound, diagnose.StdErr);
        var report = JObject.Parse(diagnose.StdOut);
        Assert.Empty((JArray)report["collectionErrors"]!);
        Assert.Equal(TasksBlockedRule.Id, report["findings"]![0]!.Value<string>("id"));
        // Both reads of the registry went out: the pinned one for the network rules, the current one for the tasks setting.
        Assert.Contains(azure.Arm.Requests, r => r.PathAndQuery.EndsWith("/registries/contoso?api-version=2021-08-01-preview", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(azure.Arm.Requests, r => r.PathAndQuery.EndsWith($"/registries/contoso?api-version={CurrentApiVersion}", StringComparison.OrdinalIgnoreCase));
        var bundle = JObject.Parse(File.ReadAllText(bundlePath));
        Assert.Equal(CurrentApiVersion, bundle.SelectToken("arm.registryCurrentApiVersion")!.Value<string>());
        Assert.False(bundle.SelectToken("arm.registryCurrent.properties.networkRuleBypassAllowedForTasks")!.Value<bool>());
        Assert.Null(bundle.SelectToken("arm.registry.properties.networkRuleBypassAllowedForTasks"));
        Assert.Equal(diagnose.StdOut, analyze.StdOut);
    }

    [Fact]
    public async Task TasksOnSharedAgents_BypassOnInTheCurrentRead_TasksNotBlocked()
    {
        var scenario = ArmScenario.FromSample("tasks-blocked");
        scenario.Fixture.Arm!.Registry!["properties"]!["networkRuleBypassAllowedForTasks"] = true;
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        Assert.DoesNotContain(report["findings"]!, f => f.Value<string>("id") == TasksBlockedRule.Id);
        var check = report["checks"]!.Single(c => c.Value<string>("id") == TasksBlockedRule.Id);
        Assert.Equal("passed", check.Value<string>("outcome"));
        Assert.Equal("networkRuleBypassAllowedForTasks is true", check.Value<string>("reason"));
    }

    [Fact]
    public async Task CurrentReadRefused_TasksCheckSkippedNamingThePermission()
    {
        var scenario = ArmScenario.FromSample("tasks-blocked");
        var refuseCurrentRead = new ArmFault("/registries/contoso", 403, "AuthorizationFailed") { ApiVersion = CurrentApiVersion };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, new FakeArmOptions { Faults = [refuseCurrentRead] });

        var result = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));

        var report = JObject.Parse(result.StdOut);
        var error = Assert.Single((JArray)report["collectionErrors"]!);
        Assert.Equal("registryCurrent", error.Value<string>("read"));
        Assert.EndsWith($"/registries/contoso?api-version={CurrentApiVersion}", error.Value<string>("resourceId"));
        Assert.Equal("Microsoft.ContainerRegistry/registries/read", error.Value<string>("requiredPermission"));
        var check = report["checks"]!.Single(c => c.Value<string>("id") == TasksBlockedRule.Id);
        Assert.Equal("skipped", check.Value<string>("outcome"));
        Assert.Equal("collection-failed:registryCurrent (HTTP 403 AuthorizationFailed; needs Microsoft.ContainerRegistry/registries/read)", check.Value<string>("reason"));
        // The rules the first read serves still ran.
        Assert.Contains(report["findings"]!, f => f.Value<string>("id") == TrustedServicesBypassOffRule.Id);
    }

    [Fact]
    public async Task AcrTaskRefusedInTheLoginEvents_UnderTasksBlocked_AndAcrsAddressNeverProposedForAnIpRule()
    {
        var scenario = LogsScenario.FromSample("logs-azure-service-denied");
        await using var azure = await scenario.StartAsync(certs.Certificates);

        var result = await azure.RunAsync(scenario.Arm.Args("diagnose", "-o", "json"));

        Assert.True(result.ExitCode == ExitCodes.ProblemsFound, result.StdErr);
        var report = JObject.Parse(result.StdOut);
        Assert.Empty((JArray)report["collectionErrors"]!);
        var findings = report["findings"]!;
        var tasksBlocked = findings[0]!;
        Assert.Equal(TasksBlockedRule.Id, tasksBlocked.Value<string>("id"));
        // The task's refusals are the consequence of the tasks setting, and are told as such.
        var serviceDenied = Assert.Single(findings, f => f.Value<string>("id") == Core.Rules.Logs.AzureServiceDeniedRule.Id);
        Assert.Equal("20.42.66.17", serviceDenied.Value<string>("subject"));
        Assert.Equal(tasksBlocked.Value<string>("key"), serviceDenied.Value<string>("explainedBy"));
        Assert.Contains("the managed identity of ACR task build-app", serviceDenied.Value<string>("message"));
        Assert.Contains("az acr task update --registry contoso --name build-app --agent-pool <pool>", serviceDenied["solution"]!.Values<string>());
        Assert.DoesNotContain(findings.SelectMany(f => f["solution"]!.Values<string>()), s => s!.Contains("--ip-address 20.42.66.17"));
        // The runner in AzureCloud: its address is checked before it is allowed.
        var runner = Assert.Single(findings, f => f.Value<string>("id") == Core.Rules.Logs.DeniedLoginsRule.Id);
        Assert.Equal("4.156.12.34", runner.Value<string>("subject"));
        Assert.Equal("az network public-ip list --query '[?ipAddress==`\"4.156.12.34\"`].id' -o tsv", runner["solution"]![0]!.Value<string>());
    }
}
