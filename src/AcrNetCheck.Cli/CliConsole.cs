using McMaster.Extensions.CommandLineUtils;

namespace AcrNetCheck.Cli;

/// <summary>
/// The process's streams and environment as the commands see them; tests pass their own, so the real entry point runs
/// in process unchanged.
/// </summary>
public sealed class CliConsole : IConsole
{
    public CliConsole(TextWriter @out, TextWriter error, TextReader @in, Func<string, string?> environment, bool outputIsTerminal)
    {
        // McMaster writes its parse hint to stdout before throwing; stdout is for results only, and our error line already points at --help.
        Out = new HintDroppingWriter(@out);
        Error = error;
        In = @in;
        Environment = environment;
        IsOutputRedirected = !outputIsTerminal;
        _preferences = new Lazy<AzureCliPreferences>(() => AzureCliPreferences.Load(environment));
    }

    private readonly Lazy<AzureCliPreferences> _preferences;

    /// <summary>The Azure CLI's output settings (core.output, core.no_color, core.only_show_errors), read when first needed.</summary>
    public AzureCliPreferences Preferences => _preferences.Value;

    public static CliConsole FromProcess() => new(
        Console.Out, Console.Error, Console.In, System.Environment.GetEnvironmentVariable, !Console.IsOutputRedirected)
    {
        StartedAt = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime),
        ErrorIsTerminal = !Console.IsErrorRedirected,
        TerminalWidth = Console.IsOutputRedirected ? null : WindowWidth(),
    };

    private static int? WindowWidth()
    {
        try { return Console.WindowWidth > 0 ? Console.WindowWidth : null; }
        catch (IOException) { return null; }
    }

    /// <summary>The width of the terminal stdout is, if it is one.</summary>
    public int? TerminalWidth { get; init; }

    /// <summary>The line length -o table keeps to: COLUMNS (as az and most tools), else the terminal's width, else 80.</summary>
    public int TableWidth =>
        int.TryParse(Environment("COLUMNS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : TerminalWidth ?? DefaultTableWidth;

    public const int DefaultTableWidth = 80;

    /// <summary>Whether stderr is a terminal: progress that redraws a line is shown only there, never in a log file.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>When the run began: --timeout counts from here (the process start for a real run).</summary>
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.Now;

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public TextReader In { get; }
    public Func<string, string?> Environment { get; }
    /// <summary>McMaster 2.3 passes no token to commands; they take it from here.</summary>
    public CancellationToken Cancellation { get; set; }
    public bool IsInputRedirected => true;
    public bool IsOutputRedirected { get; }
    public bool IsErrorRedirected => true;
    public ConsoleColor ForegroundColor { get; set; }
    public ConsoleColor BackgroundColor { get; set; }
#pragma warning disable CS0067 // Part of IConsole; this console has no Ctrl+C of its own.
    public event ConsoleCancelEventHandler? CancelKeyPress;
#pragma warning restore CS0067
    public void ResetColor() { }

    /// <summary>Colour in the layouts for people: only on a terminal, and only where <see cref="ColorAllowed"/>.</summary>
    public bool UseColor => !IsOutputRedirected && ColorAllowed;

    /// <summary>
    /// Whether any colour may be written, even when asked for (jsonc, yamlc): never with NO_COLOR (https://no-color.org),
    /// TERM=dumb (a terminal that shows escapes as text) or the Azure CLI's core.no_color.
    /// </summary>
    public bool ColorAllowed =>
        string.IsNullOrEmpty(Environment("NO_COLOR")) && !string.Equals(Environment("TERM"), "dumb", StringComparison.Ordinal) && !Preferences.NoColor;
}

/// <summary>Drops McMaster's "Specify --help …" line, passing everything else through unchanged.</summary>
internal sealed class HintDroppingWriter(TextWriter inner) : TextWriter
{
    private const string Hint = "Specify --help for a list of available options and commands.";

    public override System.Text.Encoding Encoding => inner.Encoding;
    public override void Write(char value) => inner.Write(value);
    public override void Write(string? value) => inner.Write(value);
    // TextWriter's defaults for these end in Write(char) per character: on stdout, which flushes every write, one system
    // call per character.
    public override void Write(char[] buffer, int index, int count) => inner.Write(buffer, index, count);
    public override void Write(ReadOnlySpan<char> buffer) => inner.Write(buffer);
    public override void WriteLine(string? value) { if (value != Hint) inner.WriteLine(value); }
    public override void Flush() => inner.Flush();
}
