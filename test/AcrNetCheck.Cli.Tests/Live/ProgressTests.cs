using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// diagnose, collect and logs say what they read on a terminal's stderr, as az does; never into a pipe or a log file, never
/// with only-show-errors, and never mixed into the result.
/// </summary>
public sealed class ProgressTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    public static TheoryData<string> Commands => new() { "diagnose", "collect", "logs" };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task OnATerminal_StderrSaysWhatIsBeingRead_AndStdoutIsTheResultAlone(string command)
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunOnTerminalAsync(command, "-n", "contoso", "-o", "json");

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound or ExitCodes.Incomplete, result.StdErr);
        Assert.Contains("Reading signing in to LocalArm", result.StdErr);
        Assert.Contains("Reading finding the registry 'contoso'", result.StdErr);
        Assert.Contains('\r', result.StdErr); // redrawn in place, then erased
        Assert.NotNull(JToken.Parse(result.StdOut)); // the result alone, whole
        Assert.DoesNotContain("Reading", result.StdOut);
    }

    [Fact]
    public async Task Diagnose_OnATerminal_NamesTheEvidenceSourcesItReads()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunOnTerminalAsync("diagnose", "-n", "contoso");

        Assert.Contains("the registry's network configuration (Azure Resource Manager)", result.StdErr);
    }

    [Fact]
    public async Task Piped_NoProgressAtAll()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync("diagnose", "-n", "contoso");

        Assert.DoesNotContain("Reading", result.StdErr);
        Assert.DoesNotContain('\r', result.StdErr);
    }

    [Theory]
    [InlineData("flag")]
    [InlineData("environment")]
    [InlineData("config file")]
    public async Task OnlyShowErrors_OnATerminal_NoProgress(string how)
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);
        string[] extra = how == "flag" ? ["--only-show-errors"] : [];
        if (how == "environment") azure.Environment["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true";
        if (how == "config file") File.AppendAllText(Path.Combine(azure.ConfigDir, "config"), "only_show_errors = yes\n"); // [core] is the last section

        var result = await azure.RunOnTerminalAsync(["diagnose", "-n", "contoso", .. extra]);

        Assert.True(result.ExitCode is ExitCodes.Ok or ExitCodes.ProblemsFound or ExitCodes.Incomplete, result.StdErr);
        Assert.DoesNotContain("Reading", result.StdErr);
    }

    [Fact]
    public async Task OnlyShowErrorsFromTheEnvironment_SilencesWarnings_AndFalseThereWinsOverTheFile()
    {
        // No Log Analytics to read here: logs warns about what it could not read.
        var scenario = ArmScenario.FromSample("healthy-public");
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var warned = await azure.RunAsync("logs", "-n", "contoso");
        azure.Environment["AZURE_CORE_ONLY_SHOW_ERRORS"] = "1";
        var quiet = await azure.RunAsync("logs", "-n", "contoso");
        File.AppendAllText(Path.Combine(azure.ConfigDir, "config"), "only_show_errors = true\n");
        azure.Environment["AZURE_CORE_ONLY_SHOW_ERRORS"] = "false";
        var environmentWins = await azure.RunAsync("logs", "-n", "contoso");

        Assert.Contains("WARNING: ", warned.StdErr);
        Assert.Equal("", quiet.StdErr);
        Assert.Contains("WARNING: ", environmentWins.StdErr);
    }
}
