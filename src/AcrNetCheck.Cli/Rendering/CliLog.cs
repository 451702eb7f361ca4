using AcrNetCheck.Core.Secrets;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>Progress, warnings and diagnostics: always stderr, so stdout stays the result alone.</summary>
public sealed class CliLog(CliConsole console, bool verbose, bool debug, bool onlyErrors) : AcrNetCheck.Core.Collection.ICollectionLog
{
    public void Verbose(string message) { if (verbose && !onlyErrors) console.Error.WriteLine($"INFO: {Clean(message)}"); }
    public void Debug(string message) { if (debug) console.Error.WriteLine($"DEBUG: {string.Join('\n', message.Split('\n').Select(Clean))}"); }
    public void Warning(string message) { if (!onlyErrors) console.Error.WriteLine($"WARNING: {Clean(message)}"); }

    // Debug messages may span lines on purpose (a KQL query, an exception): each line is cleaned on its own.
    /// <summary>Messages quote server text: no secret and no terminal escape may reach stderr through them.</summary>
    private static string Clean(string message) => DisplayText.Escape(SecretScrubber.Scrub(message));
}
