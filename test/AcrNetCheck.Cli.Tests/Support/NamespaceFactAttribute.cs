using System.Diagnostics;

namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>
/// A test that needs its own network namespace (root, `unshare -mn`) and the real dnsmasq and tinyproxy.
/// Skipped, saying why, where those are missing; CI runs as root and installs them (scripts/install-test-deps.sh).
/// </summary>
public sealed class NamespaceFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(FindMissing);

    public NamespaceFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = reason;
    }

    private static string? FindMissing()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces need Linux";
        foreach (var tool in new[] { "unshare", "ip", "ss", "dnsmasq", "tinyproxy" })
            if (!OnPath(tool)) return $"'{tool}' is not installed (run scripts/install-test-deps.sh)";
        return Run("unshare", "-mn", "true") ? null : "cannot create a network namespace here (`unshare -mn true` failed: needs root or CAP_SYS_ADMIN)";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"]).Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static bool Run(string file, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            if (!process.WaitForExit(10_000)) { process.Kill(entireProcessTree: true); return false; }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    }
}
