using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// A sample's registry in the fake ARM (its diagnostic setting naming a workspace, the workspace with its customer id) and the
/// sample's login events in the Log Analytics stand-in, seen within the last hour.
/// </summary>
public sealed class LogsScenario
{
    public const string CustomerId = "63613592-b6f7-4c3d-a390-22ba13102111";

    private LogsScenario(ArmScenario arm, List<LoginEventGroup> events, string? workspaceId)
    {
        Arm = arm;
        Events = events;
        WorkspaceId = workspaceId;
    }

    public ArmScenario Arm { get; }
    public List<LoginEventGroup> Events { get; }
    public string? WorkspaceId { get; }

    public static LogsScenario FromSample(string sample)
    {
        var events = Samples.SampleDefinitions.All[sample]().LoginEvents?.Groups ?? [];
        var now = DateTimeOffset.UtcNow;
        foreach (var e in events) (e.FirstSeen, e.LastSeen) = (now.AddHours(-2), now.AddMinutes(-30));
        var arm = ArmScenario.FromSample(sample);
        var registryId = (string)arm.Fixture.Arm!.Registry!["id"]!;
        var workspaceId = new EvidenceView(arm.Fixture).ListOf<DiagnosticSettingView>(ArmPaths.DiagnosticSettings(registryId))?
            .FirstOrDefault(s => s.SendsLoginEventsToWorkspace)?.WorkspaceId;
        if (workspaceId is not null)
            arm.Fixture.Arm.Resources[workspaceId] = JObject.FromObject(new
            {
                id = workspaceId, name = new ResourceId(workspaceId).Name, type = "Microsoft.OperationalInsights/workspaces", location = "eastus",
                properties = new { customerId = CustomerId, provisioningState = "Succeeded", retentionInDays = 30, sku = new { name = "PerGB2018" } },
            });
        return new LogsScenario(arm, events, workspaceId);
    }

    public async Task<LocalAzure> StartAsync(TestCertificates certs, FakeArmOptions? armOptions = null, params LogAnalyticsFault[] faults)
    {
        var logs = await FakeLogAnalytics.StartAsync(certs, Events, [CustomerId]);
        logs.Faults.AddRange(faults);
        return await LocalAzure.StartAsync(certs, Arm.Fixture, armOptions, logs);
    }
}
