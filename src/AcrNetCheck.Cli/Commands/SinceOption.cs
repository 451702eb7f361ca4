using System.Globalization;

namespace AcrNetCheck.Cli.Commands;

/// <summary>--since, the window of login events to query, shared by diagnose, collect and logs.</summary>
public static class SinceOption
{
    public const string Template = "--since";
    public const string Description = "How far back to read the registry's login events from Log Analytics: <number>m|h|d, e.g. 30m, 24h (default), 7d.";

    // Log Analytics keeps data at most 12 years; a longer window is surely a typo.
    private static readonly TimeSpan Longest = TimeSpan.FromDays(4383);

    public static TimeSpan Parse(string? value)
    {
        if (value is null) return Core.Collection.Logs.LoginEventsCollector.DefaultSince;
        var text = value.Trim().ToLowerInvariant();
        TimeSpan? since = text.Length >= 2 && long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= Longest.TotalMinutes
            ? text[^1] switch { 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null }
            : null;
        return since is { } span && span > TimeSpan.Zero && span <= Longest
            ? span
            : throw new UsageException($"--since '{value}' is not a duration; use <number>m, <number>h or <number>d, e.g. 30m, 24h, 7d.");
    }
}
