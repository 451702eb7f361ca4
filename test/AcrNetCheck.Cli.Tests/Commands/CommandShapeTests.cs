using AcrNetCheck.Cli.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// Commands parse, call Core's one entry point (DiagnosisService), render and return the exit code: how a run is wired
/// (the deadline, the session, the collectors) lives in Core, once, so no command can drift from the others.
/// </summary>
public sealed class CommandShapeTests
{
    private static readonly string[] Wiring =
        ["new CollectionDeadline", "CollectionRunner", "CollectionContext", "AzureSession", "ArmConnection", "new ArmCollector", "new ProbeCollector", "LoginEventsCollector.For", "CancelAfter"];

    public static TheoryData<string> CommandFiles => new(Directory.GetFiles(Path.Combine(CliRunner.RepoRoot, "src", "AcrNetCheck.Cli", "Commands"), "*.cs").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(CommandFiles))]
    public void Command_LeavesTheRunsWiringToCore(string file)
    {
        var text = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "src", "AcrNetCheck.Cli", "Commands", file));

        Assert.All(Wiring, name => Assert.DoesNotContain(name, text));
        Assert.InRange(text.Split('\n').Length, 1, 100);
    }
}
