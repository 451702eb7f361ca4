using System.Diagnostics;

namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>
/// The built tool run as a process, as a user runs it, with a controlled environment: <c>dotnet acr-netcheck.dll …</c>,
/// or the executable named by <c>ACR_NETCHECK_TOOL</c> (CI sets it to the installed native tool, packed from the same
/// tree, so these tests also run against what a user installs).
/// </summary>
public static class ToolProcess
{
    /// <summary>The variable that names an installed tool to run instead of the built dll.</summary>
    public const string InstalledToolVariable = "ACR_NETCHECK_TOOL";

    /// <summary>The command line that starts the tool, before its arguments.</summary>
    public static IReadOnlyList<string> ToolCommand { get; } = FindTool();

    /// <summary>
    /// Variables that would let a credential reach anything real (IMDS, a real service principal, a real az login) are
    /// removed; <paramref name="environment"/> then sets what the test wants.
    /// </summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, TimeSpan? limit = null, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit ?? TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cancel.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"acr-netcheck {string.Join(' ', args)} did not exit within {limit}; stderr: {await stderr}");
        }
        return new CliResult(await stdout, await stderr, process.ExitCode);
    }

    /// <summary>
    /// The tool with stderr on a pseudo-terminal (util-linux <c>script</c>) and stdout redirected to a file, as a user sees
    /// a run whose result goes to a file: <see cref="CliResult.StdErr"/> is what the terminal showed, carriage returns included.
    /// </summary>
    public static async Task<CliResult> RunOnTerminalAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var stdoutFile = Path.Combine(Path.GetTempPath(), $"acr-netcheck-stdout-{Guid.NewGuid():N}");
        try
        {
            var command = string.Join(' ', ToolCommand.Concat(args).Select(Quote)) + " > " + Quote(stdoutFile);
            using var process = Start("script", ["-qefc", command, "/dev/null"], environment);
            var terminal = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(cancel.Token);
            return new CliResult(File.Exists(stdoutFile) ? await File.ReadAllTextAsync(stdoutFile) : "", await terminal + await errors, process.ExitCode);
        }
        finally { File.Delete(stdoutFile); }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>The tool started (stdin closed, stdout and stderr redirected), for a test that acts on the running process (a signal).</summary>
    // `dotnet <dll>` hosts the tool in the process it starts (as the native tool is that process): a signal sent to it reaches the tool's own handlers.
    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] args) => Start(ToolCommand[0], [.. ToolCommand.Skip(1), .. args], environment);

    /// <summary>
    /// The tool as a user's shell starts it, with Ctrl+C's signal at its default: a test run started in the background by a
    /// non-interactive shell (a CI step with <c>&amp;</c>, nohup) inherits SIGINT ignored, and the runtime keeps it ignored.
    /// </summary>
    public static Process StartInteractive(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start("env", ["--default-signal=INT", .. ToolCommand, .. args], environment);

    private static Process Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(IsCredentialVariable).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    private static bool IsCredentialVariable(string name) =>
        name.StartsWith("AZURE_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ARM_", StringComparison.OrdinalIgnoreCase)
        || name is "MSI_ENDPOINT" or "MSI_SECRET" or "IDENTITY_ENDPOINT" or "IDENTITY_HEADER" or "IMDS_ENDPOINT" or "SSL_CERT_FILE" or "SSL_CERT_DIR";

    private static string[] FindTool()
    {
        if (Environment.GetEnvironmentVariable(InstalledToolVariable) is { Length: > 0 } installed) return [Path.GetFullPath(installed)];
        // The tool's dll beside the test binaries (the SDK copies a referenced executable with its runtimeconfig).
        var beside = Path.Combine(AppContext.BaseDirectory, "acr-netcheck.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "acr-netcheck.runtimeconfig.json"))) return ["dotnet", beside];
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return ["dotnet", Path.Combine(CliRunner.RepoRoot, "src", "AcrNetCheck.Cli", "bin", configuration, "net10.0", "acr-netcheck.dll")];
    }
}
