using System.Diagnostics;
using AcrNetCheck.Core.Diagnosis;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// diagnose, collect and logs say what they are reading, like az's "Running ..": one line on stderr with a spinner, what
/// is being read and the seconds so far, redrawn in place and erased when the reads end, before anything else is written.
/// Only when stderr is a terminal and errors alone were not asked for: in a pipe or a CI log a redrawn line is noise.
/// </summary>
public sealed class ReadingProgress : IRunProgress, IDisposable
{
    private static readonly string[] Frames = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(120);

    private readonly CliConsole _console;
    private readonly List<string> _reading = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private int _frame;
    private int _drawnWidth;
    private bool _disposed;

    public ReadingProgress(CliConsole console, bool quiet)
    {
        _console = console;
        Enabled = console.ErrorIsTerminal && !quiet;
        if (Enabled) _timer = new Timer(_ => Draw(), null, Interval, Interval);
    }

    /// <summary>Whether anything is drawn at all.</summary>
    public bool Enabled { get; }

    public void Started(string read)
    {
        if (!Enabled) return;
        lock (_gate) _reading.Add(read);
        Draw();
    }

    public void Finished(string read)
    {
        if (!Enabled) return;
        lock (_gate)
        {
            _reading.Remove(read);
            if (_reading.Count == 0) Erase();
        }
    }

    /// <summary>Erases the line so a message can be written on a clean one; the next tick draws it again below.</summary>
    public void Interrupt()
    {
        if (!Enabled) return;
        lock (_gate) Erase();
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_disposed || _reading.Count == 0) return;
            var text = $"{Frames[_frame++ % Frames.Length]} Reading {string.Join(", ", _reading)} · {_clock.Elapsed.TotalSeconds:0} s";
            // One line, always: a wrapped status line could not be redrawn in place.
            var width = Math.Max(20, (_console.TerminalWidth ?? CliConsole.DefaultTableWidth) - 1);
            if (text.Length > width) text = text[..(width - 1)] + "…";
            _console.Error.Write("\r" + DisplayText.Escape(text).PadRight(_drawnWidth));
            _console.Error.Flush();
            _drawnWidth = text.Length;
        }
    }

    private void Erase()
    {
        if (_drawnWidth == 0) return;
        _console.Error.Write("\r" + new string(' ', _drawnWidth) + "\r");
        _console.Error.Flush();
        _drawnWidth = 0;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            _disposed = true;
            Erase();
        }
    }
}
