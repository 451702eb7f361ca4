using AcrNetCheck.Core.Secrets;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>Progress, warnings and diagnostics: always stderr, so stdout stays the result alone.</summary>
/// <param name="progress">A progress line on stderr, erased before each message so the message gets a line of its own.</param>
public sealed class CliLog(CliConsole console, bool verbose, bool debug, bool onlyErrors, ReadingProgress? progress = null) : AcrNetCheck.Core.Collection.ICollectionLog
{
    public void Verbose(string message) { if (verbose && !onlyErrors) Write($"INFO: {Clean(message)}"); }
    public void Debug(string message) { if (debug) Write($"DEBUG: {string.Join('\n', message.Split('\n').Select(Clean))}"); }
    public void Warning(string message) { if (!onlyErrors) Write($"WARNING: {Clean(message)}"); }

    private void Write(string line)
    {
        progress?.Interrupt();
        console.Error.WriteLine(line);
    }

    // Debug messages may span lines on purpose (a KQL query, an exception): each line is cleaned on its own.
    /// <summary>Messages quote server text: no secret and no terminal escape may reach stderr through them.</summary>
    private static string Clean(string message) => DisplayText.Escape(SecretScrubber.Scrub(message));
}
