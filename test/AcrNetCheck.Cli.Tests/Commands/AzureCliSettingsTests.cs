using AcrNetCheck.Cli.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Commands;

/// <summary>
/// The Azure CLI's output settings, with its precedence: a flag over AZURE_CORE_*, over [core] in AZURE_CONFIG_DIR/config.
/// And colour never where it would show as text: NO_COLOR, TERM=dumb, core.no_color.
/// </summary>
public sealed class AzureCliSettingsTests : IDisposable
{
    private static readonly string Sample = CliRunner.Sample("private-endpoint-dns-not-linked.json");
    private readonly DirectoryInfo _configDir = Directory.CreateTempSubdirectory("acr-netcheck-azconfig-");

    public void Dispose() => _configDir.Delete(recursive: true);

    private Dictionary<string, string> Environment(string? configCore = null, params (string Name, string Value)[] variables)
    {
        if (configCore is not null) File.WriteAllText(Path.Combine(_configDir.FullName, "config"), $"[cloud]\nname = AzureCloud\n\n[core]\n{configCore}\n");
        var environment = new Dictionary<string, string> { ["AZURE_CONFIG_DIR"] = _configDir.FullName, ["HOME"] = _configDir.FullName };
        foreach (var (name, value) in variables) environment[name] = value;
        return environment;
    }

    [Fact]
    public async Task CoreOutputInTheConfigFile_IsTheDefaultFormat()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample], "", Environment("output = table"));

        Assert.StartsWith("contoso (contoso.azurecr.io)", result.StdOut);
    }

    [Fact]
    public async Task AzureCoreOutput_WinsOverTheConfigFile()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample], "", Environment("output = table", ("AZURE_CORE_OUTPUT", "yaml")));

        Assert.StartsWith("schemaVersion: ", result.StdOut);
    }

    [Fact]
    public async Task OutputFlag_WinsOverEnvironmentAndFile()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample, "-o", "json"], "", Environment("output = table", ("AZURE_CORE_OUTPUT", "yaml")));

        Assert.Equal("contoso", JObject.Parse(result.StdOut).SelectToken("registry.name")!.Value<string>());
    }

    [Fact]
    public async Task ConfiguredFormatScanAlsoTakes_AppliesToScanOnly()
    {
        // Checked before signing in: the format is a usage error for analyze, named with where it came from.
        var analyze = await CliRunner.RunAsync(["analyze", Sample], "", Environment(null, ("AZURE_CORE_OUTPUT", "jsonl")));

        Assert.Equal(ExitCodes.Usage, analyze.ExitCode);
        Assert.Equal("error: output format 'jsonl' (from AZURE_CORE_OUTPUT) is not valid; use one of: json, jsonc, yaml, yamlc, table, tsv, none, markdown.\n", analyze.StdErr);
    }

    [Fact]
    public async Task UnknownConfiguredFormat_IsAUsageErrorNamingTheFile()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample], "", Environment("output = xml"));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains($"output format 'xml' (from core.output in {Path.Combine(_configDir.FullName, "config")}) is not valid", result.StdErr);
        Assert.Equal(1, result.StdErr.Count(c => c == '\n'));
    }

    [Fact]
    public async Task ConfiguredBooleanThatIsNotOne_IsAUsageErrorNamingIt()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample], "", Environment(null, ("AZURE_CORE_NO_COLOR", "maybe")));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("error: AZURE_CORE_NO_COLOR is 'maybe', not a boolean; use true or false (as az config set does).\n", result.StdErr);
    }

    [Fact]
    public async Task OnATerminal_TableIsColoured()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample, "-o", "table"], "", Environment(), terminal: true);

        Assert.Contains("\u001b[", result.StdOut);
    }

    public static TheoryData<string?, string, string> NoColourSettings => new()
    {
        { "no_color = true", "", "" },
        { null, "AZURE_CORE_NO_COLOR", "yes" },
        { null, "NO_COLOR", "1" },
        { null, "TERM", "dumb" },
    };

    [Theory]
    [MemberData(nameof(NoColourSettings))]
    public async Task NoColourSetting_NoEscapeSequenceInAnyColouredFormat(string? configCore, string variable, string value)
    {
        var environment = variable == "" ? Environment(configCore) : Environment(configCore, (variable, value));
        foreach (var format in new[] { "table", "jsonc", "yamlc" })
        {
            var result = await CliRunner.RunAsync(["analyze", Sample, "-o", format], "", environment, terminal: true);

            Assert.True(result.ExitCode == ExitCodes.ProblemsFound, result.StdErr);
            Assert.DoesNotContain("\u001b", result.StdOut);
        }
    }

    [Fact]
    public async Task NoColorFalseInTheEnvironment_WinsOverTrueInTheFile()
    {
        var result = await CliRunner.RunAsync(["analyze", Sample, "-o", "table"], "", Environment("no_color = true", ("AZURE_CORE_NO_COLOR", "false")), terminal: true);

        Assert.Contains("\u001b[", result.StdOut);
    }
}
