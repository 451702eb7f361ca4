namespace AcrNetCheck.Cli.Rendering;

/// <summary>Progress, warnings and diagnostics: always stderr, so stdout stays the result alone.</summary>
public sealed class CliLog(CliConsole console, bool verbose, bool debug, bool onlyErrors) : AcrNetCheck.Core.Collection.ICollectionLog
{
    public void Verbose(string message) { if (verbose && !onlyErrors) console.Error.WriteLine($"INFO: {message}"); }
    public void Debug(string message) { if (debug) console.Error.WriteLine($"DEBUG: {message}"); }
    public void Warning(string message) { if (!onlyErrors) console.Error.WriteLine($"WARNING: {message}"); }
}
