using System.Text.RegularExpressions;

namespace AcrNetCheck.Core.Rules;

/// <summary>
/// Commands a person pastes into bash, built from values that came from Azure, a bundle or a log: every interpolated value
/// is one POSIX-quoted word, so a name such as <c>rg-$(touch /tmp/x)</c> or <c>ci@contoso.com;touch /tmp/x;#</c> stays data.
/// Placeholders such as <c>&lt;workspace-id&gt;</c> stay as they are, for the person to fill in.
/// </summary>
public static partial class Shell
{
    /// <summary>The command with each interpolated value quoted as one word (<see cref="Words"/> for several).</summary>
    public static string Command(FormattableString command) =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, command.Format,
            command.GetArguments().Select(a => a is ShellWords words ? words.Text : Quote(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture))).ToArray<object?>());

    /// <summary>Several values, each its own quoted word, for a list argument (<c>--target-fqdns a b</c>).</summary>
    public static ShellWords Words(IEnumerable<string?> values) => new(string.Join(' ', values.Select(Quote)));

    /// <summary>One word: as is when it holds only characters no shell treats specially, else single-quoted.</summary>
    public static string Quote(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "''";
        if (Placeholder().IsMatch(value) || Plain().IsMatch(value)) return value;
        return "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    [GeneratedRegex("^<[a-z0-9][a-z0-9-]*>$")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[A-Za-z0-9_./:@%+=,-]+$")]
    private static partial Regex Plain();
}

/// <summary>Words already quoted by <see cref="Shell.Words"/>: <see cref="Shell.Command"/> inserts them as they are.</summary>
public sealed record ShellWords(string Text)
{
    public override string ToString() => Text;
}
