namespace AcrNetCheck.Testing;

/// <summary>
/// Entry point for running a stand-in as its own process (e.g. inside a network namespace the test made).
/// Modes are added by the suites that need them; without one it says so.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: AcrNetCheck.Testing <mode> …  (no mode given)");
        return 2;
    }
}
