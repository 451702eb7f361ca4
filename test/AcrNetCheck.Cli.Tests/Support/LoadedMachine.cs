namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>
/// Timing margins that hold on a loaded 2-core machine (several builds and test runs at once, load average ~30), so a
/// timing test fails only when the tool breaks its budget, never because the machine is busy.
/// </summary>
public static class LoadedMachine
{
    /// <summary>
    /// A --timeout for diagnose runs that must time out on one hanging read: long enough that start-up (which --timeout
    /// counts, from the process start), sign-in through the fake az and the other reads finish under load.
    /// </summary>
    public const int DiagnoseTimeoutSeconds = 20;

    /// <summary>
    /// How late the tool may end past its own deadline: a cancelled task resuming, analysis and output, exit. Measured:
    /// up to 4.1 s past a 20 s --timeout at load average 37 on 2 cores (well under 1 s on an idle machine).
    /// </summary>
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(5);
}
