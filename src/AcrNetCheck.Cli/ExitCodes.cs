namespace AcrNetCheck.Cli;

/// <summary>The one table of exit codes (documented in README "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>No finding at or above --fail-on.</summary>
    public const int Ok = 0;
    /// <summary>An unexpected failure (a bug, or something no check foresaw); details with --debug.</summary>
    public const int Unexpected = 1;
    /// <summary>Bad usage or bad input: unknown option, malformed bundle, invalid --query, missing file.</summary>
    public const int Usage = 2;
    /// <summary>The analysis found problems at or above --fail-on (default: error).</summary>
    public const int ProblemsFound = 3;
    /// <summary>diagnose/collect: no credential could sign in (the message names what was tried and says to run az login).</summary>
    public const int SignInFailed = 4;
    /// <summary>diagnose/collect: the registry does not exist in the subscription or resource group looked in.</summary>
    public const int RegistryNotFound = 5;
    /// <summary>No finding at or above --fail-on, but the verdict is incomplete: a read failed or timed out, or nothing was read.</summary>
    public const int Incomplete = 6;
}

/// <summary>A mistake in what the user typed or gave us: one line on stderr, exit 2, never a stack trace.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
