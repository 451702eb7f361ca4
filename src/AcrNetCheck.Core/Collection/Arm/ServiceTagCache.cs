using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// Keeps the cloud's service-tag list on disk, one file per ARM endpoint and location, with the <c>changeNumber</c> it
/// carries. The list is megabytes and Microsoft republishes it weekly, so a copy younger than <see cref="MaxAge"/> is used
/// instead of downloading it again; a failed download falls back to any older copy (its changeNumber stays in the bundle,
/// so a reader sees which week of ranges was judged).
/// </summary>
/// <param name="cloudKey">Which cloud's list this is (the ARM endpoint's host): clouds publish different ranges.</param>
public sealed class ServiceTagCache(string directory, string cloudKey, TimeSpan maxAge, Func<DateTimeOffset> now)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(1);

    public TimeSpan MaxAge => maxAge;

    /// <summary>$XDG_CACHE_HOME/acr-netcheck, else ~/.cache/acr-netcheck; null when neither is known.</summary>
    public static string? DefaultDirectory(Func<string, string?> environment)
    {
        if (environment("XDG_CACHE_HOME") is { Length: > 0 } xdg) return Path.Combine(xdg, "acr-netcheck");
        return environment("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache", "acr-netcheck") : null;
    }

    public async Task<JObject> GetAsync(string location, Func<CancellationToken, Task<JObject>> download, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, $"servicetags-{Sanitize(cloudKey)}-{Sanitize(location)}.json");
        var cached = await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (cached is { } fresh && now() - fresh.FetchedAt < maxAge) return fresh.List;

        JObject list;
        try
        {
            list = await download(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (cached is not null && !cancellationToken.IsCancellationRequested)
        {
            return cached.Value.List;
        }
        await WriteAsync(path, list, cancellationToken).ConfigureAwait(false);
        return list;
    }

    private async Task<(JObject List, DateTimeOffset FetchedAt)?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var entry = JObject.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
            return entry["list"] is JObject list && entry["fetchedAt"]?.ToObject<DateTimeOffset>() is { } at ? (list, at) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            return null; // absent, unreadable or torn: download again
        }
    }

    private async Task WriteAsync(string path, JObject list, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var entry = new JObject { ["changeNumber"] = list["changeNumber"]?.ToString(), ["fetchedAt"] = now(), ["list"] = list };
            // Write then rename, so a concurrent run never reads half a file.
            var temp = path + $".{Environment.ProcessId}.tmp";
            await File.WriteAllTextAsync(temp, entry.ToString(Formatting.None), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next run a download.
        }
    }

    private static string Sanitize(string value) => string.Concat(value.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? char.ToLowerInvariant(c) : '_'));
}
