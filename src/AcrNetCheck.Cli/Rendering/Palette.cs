using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>ANSI colours, or none: decided once by the caller (terminal and no NO_COLOR).</summary>
public sealed class Palette(bool enabled)
{
    public string Red(string s) => Wrap("31", s);
    public string Yellow(string s) => Wrap("33", s);
    public string Green(string s) => Wrap("32", s);
    public string Cyan(string s) => Wrap("36", s);
    public string Dim(string s) => Wrap("2", s);
    public string Bold(string s) => Wrap("1", s);

    public string Severity(Severity severity, string s) => severity switch
    {
        Core.Rules.Severity.Error => Red(s),
        Core.Rules.Severity.Warning => Yellow(s),
        _ => Cyan(s),
    };

    private string Wrap(string code, string s) => enabled ? $"\u001b[{code}m{s}\u001b[0m" : s;
}
