using System.Text;
using System.Text.RegularExpressions;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// -o table fitted to the terminal: every line longer than <see cref="Width"/> is wrapped at spaces, its continuation
/// lines indented further than the line itself (a hanging indent), so a finding, a fix or an endpoint stays one visual
/// block. A word longer than a whole line (a resource id, a URL) is broken after a '/', '-', '.' or ',' where it can be,
/// else at the width: content is never cut. Colour (SGR sequences, the only escapes here: values are escaped by
/// <see cref="DisplayText"/>) takes no width, and a colour open at a break is closed and reopened on the next line.
/// </summary>
public sealed partial class WrappingWriter(TextWriter inner, int width) : TextWriter
{
    /// <summary>How much further continuation lines are indented than the line they continue.</summary>
    public const int Hanging = 4;

    /// <summary>Never fewer characters per line than this, however deep the indent (a very narrow terminal still gets words).</summary>
    private const int NarrowestText = 20;

    private readonly StringBuilder _pending = new();

    public int Width { get; } = Math.Max(width, NarrowestText + Hanging);

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n') EmitLine();
        else if (value != '\r') _pending.Append(value);
    }

    public override void Write(string? value)
    {
        foreach (var ch in value ?? "") Write(ch);
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        EmitLine();
    }

    public override void WriteLine() => EmitLine();

    public override void Flush()
    {
        if (_pending.Length > 0) inner.Write(_pending.ToString());
        _pending.Clear();
        inner.Flush();
    }

    /// <summary>A last line without a line end is wrapped too, and left without one.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _pending.Length > 0) inner.Write(string.Join(Environment.NewLine, Wrap(_pending.ToString(), Width)));
        _pending.Clear();
        base.Dispose(disposing);
    }

    private void EmitLine()
    {
        foreach (var line in Wrap(_pending.ToString(), Width)) inner.WriteLine(line);
        _pending.Clear();
    }

    /// <summary>The visible width of <paramref name="text"/>: SGR colour sequences take none.</summary>
    public static int VisibleLength(string text) => Sgr().Replace(text, "").Length;

    /// <summary>
    /// <paramref name="line"/> as lines of at most <paramref name="width"/> visible characters, continuation lines indented
    /// <paramref name="hanging"/> more than the first (while that leaves room for text).
    /// </summary>
    public static IReadOnlyList<string> Wrap(string line, int width, int hanging = Hanging)
    {
        if (VisibleLength(line) <= width) return [line.TrimEnd()];
        var leading = line.Length - line.TrimStart(' ').Length;
        // The hanging indent, unless it would leave less than NarrowestText; a narrow table cell still keeps a small one,
        // so a continuation never starts where a line of its own would (a value cannot forge a line by wrapping).
        var continuation = new string(' ', Math.Min(leading + hanging, Math.Max(width - NarrowestText, Math.Min(hanging, width / 4))));
        var lines = new List<string>();
        var current = new StringBuilder(line[..leading]);
        var currentWidth = leading;
        string? openColour = null;
        var lineHasWords = false;

        void Break()
        {
            if (openColour is not null) current.Append(Reset);
            lines.Add(current.ToString().TrimEnd());
            current.Clear().Append(continuation);
            if (openColour is not null) current.Append(openColour);
            currentWidth = continuation.Length;
            lineHasWords = false;
        }

        foreach (var (spaces, word) in Words(line[leading..]))
        {
            var wordWidth = VisibleLength(word);
            if (lineHasWords)
            {
                if (currentWidth + spaces + wordWidth > width) Break();
                else { current.Append(' ', spaces); currentWidth += spaces; }
            }
            // A word wider than a line is split; each piece goes where the line has room.
            foreach (var piece in Pieces(word, () => width - currentWidth, width - continuation.Length))
            {
                if (currentWidth + VisibleLength(piece) > width && lineHasWords) Break();
                current.Append(piece);
                lineHasWords = true;
                currentWidth += VisibleLength(piece);
                foreach (Match m in Sgr().Matches(piece)) openColour = m.Value == Reset ? null : m.Value;
            }
        }
        lines.Add(current.ToString().TrimEnd());
        return lines;
    }

    private const string Reset = "\u001b[0m";

    /// <summary>The words of <paramref name="text"/>, each with the number of spaces before it.</summary>
    private static IEnumerable<(int Spaces, string Word)> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && text[i] == ' ') i++;
            var spaces = i - start;
            var wordStart = i;
            while (i < text.Length && text[i] != ' ') i++;
            if (i > wordStart) yield return (spaces, text[wordStart..i]);
        }
    }

    /// <summary>
    /// <paramref name="word"/> whole if it fits a fresh line, else in pieces that each fit the room left (asked afresh for
    /// each piece), broken after a separator where there is one.
    /// </summary>
    private static IEnumerable<string> Pieces(string word, Func<int> room, int lineRoom)
    {
        if (VisibleLength(word) <= lineRoom) { yield return word; yield break; }
        var rest = word;
        while (VisibleLength(rest) > 0)
        {
            // Too little room left on this line for a useful piece: the next piece takes a fresh line.
            var available = room() < Math.Min(10, lineRoom) ? lineRoom : room();
            if (VisibleLength(rest) <= available) { yield return rest; yield break; }
            var cut = CutIndex(rest, available);
            yield return rest[..cut];
            rest = rest[cut..];
        }
    }

    /// <summary>The index in <paramref name="text"/> after at most <paramref name="visible"/> visible characters, at a separator if one is in the last half.</summary>
    private static int CutIndex(string text, int visible)
    {
        int index = 0, seen = 0, lastSeparator = -1;
        while (index < text.Length && seen < visible)
        {
            var sgr = Sgr().Match(text, index);
            if (sgr.Success && sgr.Index == index) { index += sgr.Length; continue; }
            if (text[index] is '/' or '-' or '.' or ',' or '&' or '?' or '=' or ':') lastSeparator = index + 1;
            index++;
            seen++;
        }
        return lastSeparator > 0 && lastSeparator * 2 >= index ? lastSeparator : Math.Max(1, index);
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();
}
