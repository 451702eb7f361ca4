using System.Text;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// Text from Azure, login events or a bundle, made safe to lay out for a person. Values such as a user agent or an error
/// message are chosen by whoever sent them: an ANSI or OSC escape would restyle or retitle the terminal, and a CR or LF
/// would start a line of its own ("Status: HEALTHY"). Every control character (C0, DEL, C1), line and paragraph separator
/// and bidirectional override is shown as a visible escape instead, so one value stays one visible cell on one line.
/// </summary>
public static class DisplayText
{
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value)) return value ?? "";
        if (!value.Any(ch => NeedsEscape(ch) && !char.IsSurrogate(ch)) && !HasLoneSurrogate(value)) return value;
        var sb = new StringBuilder(value.Length + 16);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) { sb.Append(ch).Append(value[++i]); continue; }
            if (!NeedsEscape(ch)) { sb.Append(ch); continue; }
            sb.Append(ch switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\u001b' => "\\e",
                < '\u0100' => $"\\x{(int)ch:x2}",
                _ => $"\\u{(int)ch:x4}",
            });
        }
        return sb.ToString();
    }

    private static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }
        return false;
    }

    /// <summary>A markdown table cell: escaped as above, and a '|' no longer ends the cell.</summary>
    public static string MarkdownCell(string? value) => Escape(value).Replace("|", "\\|");

    /// <summary>
    /// A markdown code span holding <paramref name="value"/> as is: delimited by one backtick more than the longest run
    /// inside it, so a backtick in the value cannot end the span (CommonMark §6.1). Inside a table the '|' is still escaped.
    /// </summary>
    public static string MarkdownCode(string? value, bool inTable = false)
    {
        var text = Escape(value);
        var longestRun = 0;
        for (int i = 0, run = 0; i < text.Length; i++) longestRun = Math.Max(longestRun, run = text[i] == '`' ? run + 1 : 0);
        var fence = new string('`', longestRun + 1);
        var padding = text.StartsWith('`') || text.EndsWith('`') ? " " : "";
        var span = $"{fence}{padding}{text}{padding}{fence}";
        return inTable ? span.Replace("|", "\\|") : span;
    }

    /// <summary>
    /// Markdown prose (a finding's message or cause), kept to the one paragraph it is: escaped as above, HTML, links and code
    /// spans taken literally, and a first character that would open a heading, quote or list escaped.
    /// </summary>
    public static string MarkdownText(string? value)
    {
        var text = Escape(value);
        var sb = new StringBuilder(text.Length + 8);
        if (text.Length > 0 && text[0] is '#' or '>' or '-' or '+' or '*' or '=') sb.Append('\\');
        foreach (var ch in text)
        {
            if (ch is '<' or '[' or ']' or '`') sb.Append('\\');
            sb.Append(ch);
        }
        return sb.ToString();
    }

    // A surrogate reaching NeedsEscape is a lone half (pairs are copied whole): it cannot be printed, so it is shown escaped.
    private static bool NeedsEscape(char ch) =>
        char.IsControl(ch) || char.IsSurrogate(ch)                       // C0, DEL, C1 (U+0080–U+009F, e.g. the 8-bit CSI U+009B)
        || ch is '\u2028' or '\u2029'            // line and paragraph separators
        || ch is >= '\u202a' and <= '\u202e'     // bidirectional embeddings and overrides
        || ch is >= '\u2066' and <= '\u2069'     // bidirectional isolates
        || ch is '\u200e' or '\u200f' or '\u061c';
}
