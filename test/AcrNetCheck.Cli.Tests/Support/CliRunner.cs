using AcrNetCheck.Cli;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Cli.Tests.Support;

public sealed record CliResult(string StdOut, string StdErr, int ExitCode);

/// <summary>Runs the real entry point in process with captured streams, as a user's shell would see it.</summary>
public static class CliRunner
{
    public static string RepoRoot => Reference.RepoRoot;

    public static string Sample(string name) => Path.Combine(RepoRoot, "samples", name);

    public static async Task<CliResult> RunAsync(string[] args, string stdin = "", IDictionary<string, string>? environment = null, bool terminal = false)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var env = environment ?? new Dictionary<string, string>();
        var console = new CliConsole(stdout, stderr, new StringReader(stdin), name => env.TryGetValue(name, out var v) ? v : null, terminal);
        var code = await CliApp.RunAsync(args, console);
        return new CliResult(stdout.ToString(), stderr.ToString(), code);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(args, "");

    /// <summary>
    /// A terminal wide enough that -o table wraps nothing (COLUMNS): for tests of what a line holds, not of how lines wrap
    /// (TableWidthTests test that).
    /// </summary>
    public static Dictionary<string, string> WideTerminal => new() { ["COLUMNS"] = "1000" };

    /// <summary>Runs with <see cref="WideTerminal"/>.</summary>
    public static Task<CliResult> RunWideAsync(params string[] args) => RunAsync(args, "", WideTerminal);

    /// <summary>Writes a bundle to a temp file and returns its path.</summary>
    public static string WriteTemp(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"acr-netcheck-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }
}
