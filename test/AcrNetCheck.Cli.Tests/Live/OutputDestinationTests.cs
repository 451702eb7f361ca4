using System.Diagnostics;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Collection.ResourceGraph;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// --out and --out-dir: a destination that cannot be written is a usage error before any request; a file is replaced
/// whole (never left truncated, never written through a symbolic link); Ctrl+C and SIGTERM stop the run cleanly.
/// </summary>
public sealed class OutputDestinationTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Theory]
    [InlineData("folder", "is a folder")]
    [InlineData("missing-folder/bundle.json", "does not exist")]
    // A folder no one can create files in, root included (tests run as root, for whom permission bits do not stop a write).
    [InlineData("/proc/bundle.json", "cannot write in /proc")]
    public async Task UnwritableOut_Exit2BeforeAnyRequest(string relative, string expected)
    {
        await using var azure = await StartAsync();
        Directory.CreateDirectory(Path.Combine(azure.ConfigDir, "folder"));

        var result = await azure.RunAsync("collect", "-n", "contoso", "--out", Path.Combine(azure.ConfigDir, relative));

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Equal("", result.StdOut);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --out ", line);
        Assert.Contains(expected, line);
        Assert.Empty(azure.Arm.Requests);
    }

    [Fact]
    public async Task OutIsASymbolicLink_TheLinkIsReplacedAndItsTargetKept()
    {
        await using var azure = await StartAsync();
        var target = Path.Combine(azure.ConfigDir, "precious.txt");
        File.WriteAllText(target, "not a bundle");
        var link = Path.Combine(azure.ConfigDir, "bundle.json");
        File.CreateSymbolicLink(link, target);

        var result = await azure.RunAsync("collect", "-n", "contoso", "--out", link);

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StdErr);
        Assert.Equal("not a bundle", File.ReadAllText(target));
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal("1.0", JObject.Parse(File.ReadAllText(link)).Value<string>("schemaVersion"));
        Assert.Equal(["bundle.json", "precious.txt"], BundleFolderFiles(azure));
    }

    [Theory]
    [InlineData("INT", ExitCodes.Interrupted)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public async Task SignalDuringCollection_StopsAtOnce_ExitCodeOfTheSignal_PreviousBundleKept(string signal, int exitCode)
    {
        await using var azure = await StartAsync(new ArmFault("/registries/contoso") { Hang = true });
        var bundle = Path.Combine(azure.ConfigDir, "bundle.json");
        File.WriteAllText(bundle, "{\"schemaVersion\": \"1.0\", \"previous\": true}");

        using var process = ToolProcess.StartInteractive(azure.Environment, "collect", "-n", "contoso", "-g", Core.Tests.Support.EvidenceBuilder.Group, "--no-probes", "--no-logs", "--out", bundle, "--timeout", "60");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await WaitUntilAsync(() => azure.Arm.ArmPaths.Any(p => p.EndsWith("/registries/contoso", StringComparison.OrdinalIgnoreCase)), process);
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString()])) await kill.WaitForExitAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(limit.Token);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Equal("error: interrupted; nothing was written.", (await stderr).Trim());
        Assert.Equal("{\"schemaVersion\": \"1.0\", \"previous\": true}", File.ReadAllText(bundle));
        Assert.Equal(["bundle.json"], BundleFolderFiles(azure));
    }

    [Fact]
    public async Task ScanOutDir_RegistryNameLongerThanAFileName_EveryBundleWritten()
    {
        var fleet = FleetGenerator.Generate(3, subscriptions: 1);
        var longName = "acr" + new string('x', 297);
        fleet.RowsFor(FleetQueries.RegistriesName)[0]["name"] = longName;
        var standIn = new ResourceGraphStandIn(fleet);
        await using var server = await HttpsTestServer.StartAsync(certs.Certificates, standIn.HandleAsync);
        await using var azure = LocalAzure.Over(server, certs.Certificates);
        var outDir = Path.Combine(azure.ConfigDir, "bundles");

        var result = await azure.RunAsync(TimeSpan.FromSeconds(60), "scan", "-o", "json", "--out-dir", outDir, "--fail-on", "none");

        Assert.True(result.ExitCode == ExitCodes.Ok, result.StdErr);
        Assert.Equal(3, JArray.Parse(result.StdOut).Count);
        var files = Directory.GetFiles(outDir).Select(Path.GetFileName).ToList();
        Assert.Equal(3, files.Count);
        var longOne = Assert.Single(files, f => f!.StartsWith("acrxxx", StringComparison.Ordinal));
        Assert.InRange(longOne!.Length, 10, 255);
        var replay = await CliRunner.RunAsync("analyze", Path.Combine(outDir, longOne), "--query", "registry.name");
        Assert.Equal($"\"{longName}\"", replay.StdOut.Trim());
    }

    [Fact]
    public async Task ScanOutDirIsAFile_Exit2BeforeSigningIn()
    {
        await using var azure = await StartAsync();
        var file = Path.Combine(azure.ConfigDir, "bundles");
        File.WriteAllText(file, "");
        azure.WriteFakeAz("touch \"$HOME/az-was-run\"; exit 1");

        var result = await azure.RunAsync("scan", "--out-dir", file);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: --out-dir ", result.StdErr);
        Assert.Contains("is a file", result.StdErr);
        Assert.False(File.Exists(Path.Combine(azure.Environment["HOME"], "az-was-run")));
    }

    private Task<LocalAzure> StartAsync(params ArmFault[] faults) =>
        LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture, new FakeArmOptions { Faults = [.. faults] });

    /// <summary>What the folder of --out holds besides the Azure CLI's own files: no temporary file may be left behind.</summary>
    private static string[] BundleFolderFiles(LocalAzure azure) =>
        Directory.GetFiles(azure.ConfigDir).Select(f => Path.GetFileName(f)!)
            .Where(name => name is not ("config" or "clouds.config" or "azureProfile.json")).Order(StringComparer.Ordinal).ToArray();

    private static async Task WaitUntilAsync(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (process.HasExited) throw new InvalidOperationException($"the tool exited ({process.ExitCode}) before the condition held: {await process.StandardError.ReadToEndAsync()}");
            if (clock.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the tool never reached the awaited request");
            await Task.Delay(50);
        }
    }
}
