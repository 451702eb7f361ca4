using System.Diagnostics;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// The scan's progress line on stderr, redrawn in place (at most ten times a second) and erased at the end. Only on a
/// terminal: in a pipe or a CI log, carriage returns would be noise.
/// </summary>
public sealed class ScanProgress(CliConsole console, bool quiet) : IProgress<int>, IDisposable
{
    private readonly bool _enabled = console.ErrorIsTerminal && !quiet;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private bool _drawn;

    public void Report(int analysed)
    {
        if (!_enabled || (_drawn && _sinceDraw.ElapsedMilliseconds < 100)) return;
        console.Error.Write($"\rscanning: {analysed} registr{(analysed == 1 ? "y" : "ies")} analysed ");
        _drawn = true;
        _sinceDraw.Restart();
    }

    /// <summary>Shown while Resource Graph is queried, before the first registry is analysed.</summary>
    public void Querying()
    {
        if (!_enabled) return;
        console.Error.Write("\rscanning: querying Resource Graph… ");
        _drawn = true;
    }

    public void Dispose()
    {
        if (_drawn) console.Error.Write("\r" + new string(' ', 48) + "\r");
    }
}
