using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// Keeps the cloud's service-tag list on disk, one file per ARM endpoint and location, with the <c>changeNumber</c> it
/// carries. The list is megabytes and Microsoft republishes it weekly, so a copy younger than <see cref="MaxAge"/> is used
/// instead of downloading it again; a failed download falls back to any older copy, with a warning (its changeNumber stays
/// in the bundle, so a reader sees which week of ranges was judged).
/// </summary>
/// <remarks>
/// The file is only a cache, so nothing in it is trusted: a copy that is torn, too large, of another cloud or location,
/// dated in the future, with a <c>fetchedAt</c> that is not a date, or whose list is not the service-tag shape with valid
/// prefixes is ignored and replaced by a download. It can cost a download, never the collection.
/// </remarks>
/// <param name="cloudKey">Which cloud's list this is (the ARM endpoint's host): clouds publish different ranges.</param>
/// <param name="log">Where the stale-copy warning goes.</param>
internal sealed class ServiceTagCache(string directory, string cloudKey, TimeSpan maxAge, Func<DateTimeOffset> now, ICollectionLog? log = null)
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromDays(1);

    /// <summary>Clocks differ a little between machines sharing a home directory; beyond this, a date in the future is wrong.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>A cached list is at most what one response may be (twice, for the entry's own JSON): more is not ours.</summary>
    private const long MaxFileBytes = 2 * Http.ResponseSizeLimitPolicy.DefaultMaxBytes;

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
        var cached = await ReadAsync(path, location, cancellationToken).ConfigureAwait(false);
        if (cached is { } fresh && now() - fresh.FetchedAt < maxAge) return fresh.List;

        JObject list;
        try
        {
            list = await download(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (cached is { } stale && !cancellationToken.IsCancellationRequested)
        {
            log?.Warning($"service tags for {location}: download failed ({ex.Message.Split('\n')[0]}); using the copy cached {stale.FetchedAt:yyyy-MM-dd HH:mm} UTC " +
                         $"(changeNumber {stale.List.Value<string>("changeNumber") ?? "unknown"}), which is {(now() - stale.FetchedAt).TotalDays:0.#} day(s) old");
            return stale.List;
        }
        await WriteAsync(path, location, list, cancellationToken).ConfigureAwait(false);
        return list;
    }

    private async Task<(JObject List, DateTimeOffset FetchedAt)?> ReadAsync(string path, string location, CancellationToken cancellationToken)
    {
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > MaxFileBytes) return null;
            using var reader = new JsonTextReader(new StringReader(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)))
            {
                DateParseHandling = DateParseHandling.None,
            };
            var entry = JToken.ReadFrom(reader) as JObject;
            if (entry?["list"] is not JObject list
                || entry.Value<JToken>("cloud") is not JValue { Type: JTokenType.String } cloud || !string.Equals((string?)cloud, cloudKey, StringComparison.OrdinalIgnoreCase)
                || entry.Value<JToken>("location") is not JValue { Type: JTokenType.String } at || !string.Equals((string?)at, location, StringComparison.OrdinalIgnoreCase)
                || entry["fetchedAt"] is not JValue { Type: JTokenType.String } fetchedText
                || !DateTimeOffset.TryParse((string?)fetchedText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var fetchedAt)
                || fetchedAt > now() + ClockSkew
                || !IsServiceTagList(list))
                return null;
            return (list, fetchedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Absent, unreadable, torn or anything else odd: a cache must never fail the read it serves; download again.
            return null;
        }
    }

    /// <summary>The shape the collector reads: <c>values[]</c> of <c>{name, properties: {addressPrefixes: [prefix]}}</c>.</summary>
    private static bool IsServiceTagList(JObject list) =>
        list["values"] is JArray values && values.All(v =>
            v is JObject tag && tag["name"] is JValue { Type: JTokenType.String }
            && tag.SelectToken("properties.addressPrefixes") is JArray prefixes
            && prefixes.All(p => p is JValue { Type: JTokenType.String } text && IpPrefix.TryParse((string?)text, out _)));

    private async Task WriteAsync(string path, string location, JObject list, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var entry = new JObject
            {
                ["cloud"] = cloudKey, ["location"] = location, ["changeNumber"] = list["changeNumber"]?.ToString(),
                ["fetchedAt"] = now().ToUniversalTime().ToString("o"), ["list"] = list,
            };
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
