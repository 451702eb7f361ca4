namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>
/// Proxy URLs as a report may show them: HTTPS_PROXY often carries <c>user:password@</c>, which must never reach a report.
/// </summary>
internal static class ProxyUrl
{
    /// <summary>The URL with any userinfo removed: "http://alice:s3cret@proxy:3128" → "http://proxy:3128".</summary>
    public static string? WithoutCredentials(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        var (scheme, authority, path) = Split(url.Trim());
        var at = authority.LastIndexOf('@');
        return scheme + (at >= 0 ? authority[(at + 1)..] : authority) + path;
    }

    public static bool HasCredentials(string? url) =>
        !string.IsNullOrWhiteSpace(url) && Split(url.Trim()).Authority.Contains('@');

    /// <summary>The URL to write into a configuration: credentials, if the original had any, become placeholders.</summary>
    public static string? ForConfiguration(string? url) =>
        WithoutCredentials(url) is not { } bare ? null
        : !HasCredentials(url) ? bare
        : bare.Insert(Split(bare).Scheme.Length, "<user>:<password>@");

    /// <summary>
    /// Whether two settings name the same proxy, ignoring credentials, case, a trailing slash and an omitted http:// scheme
    /// (Docker and Go read a scheme-less proxy as http://).
    /// </summary>
    public static bool SameProxy(string? a, string? b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.OrdinalIgnoreCase);

    private static string? Normalize(string? url) =>
        WithoutCredentials(url) is not { } bare ? null
        : (bare.Contains("://", StringComparison.Ordinal) ? bare : "http://" + bare).TrimEnd('/');

    private static (string Scheme, string Authority, string Path) Split(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd >= 0 ? url[..(schemeEnd + 3)] : "";
        var remainder = url[scheme.Length..];
        // The authority ends at the first '/' after the last '@', so a raw '/' inside a password is still cut away.
        var slash = remainder.IndexOf('/', remainder.LastIndexOf('@') + 1);
        return slash >= 0 ? (scheme, remainder[..slash], remainder[slash..]) : (scheme, remainder, "");
    }
}
