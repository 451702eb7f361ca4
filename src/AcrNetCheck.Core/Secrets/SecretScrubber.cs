using System.Text.RegularExpressions;

namespace AcrNetCheck.Core.Secrets;

/// <summary>
/// Removes credentials from text that leaves the process. Server error bodies are free text: a proxy or a misbehaving
/// service may echo the request's Authorization header, a SAS URL or a connection string. Used where server text enters
/// evidence (<see cref="Evidence.CollectionError"/>) and by the logger, so reports, bundles (redacted or not), stderr and
/// --debug never carry a token. What is removed is replaced by a marker saying what it was, so the text stays readable.
/// </summary>
public static partial class SecretScrubber
{
    public const string Marker = "[redacted]";

    public static string Scrub(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = Jwt().Replace(text, "[redacted-jwt]");
        result = AuthorizationScheme().Replace(result, m => $"{m.Groups["scheme"].Value} {Marker}");
        result = NamedSecret().Replace(result, m => $"{m.Groups["name"].Value}{m.Groups["separator"].Value}{Marker}");
        return StorageKey().Replace(result, Marker);
    }

    public static string? ScrubNullable(string? text) => text is null ? null : Scrub(text);

    /// <summary>A JSON Web Token: three base64url parts, the first a JSON header ("eyJ" is the encoding of <c>{"</c>).</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    /// <summary>The credential after an HTTP authentication scheme (an echoed Authorization header), whatever its format.</summary>
    [GeneratedRegex(@"\b(?<scheme>Bearer|Basic|SharedKey|SharedAccessSignature|PoP)\s+(?!\[redacted)[A-Za-z0-9._~+/:=%-]{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex AuthorizationScheme();

    /// <summary>
    /// A named secret in a query string, a connection string, a header or JSON: SAS <c>sig=</c>, <c>AccountKey=</c>,
    /// <c>SharedAccessKey=</c>, <c>client_secret</c>, <c>access_token</c>, <c>refresh_token</c>, <c>password</c>, and an
    /// Authorization header whose scheme was not recognised.
    /// </summary>
    [GeneratedRegex(@"(?<name>\b(?:sig|AccountKey|SharedAccessKey|client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|id_token|password|x-ms-token-[a-z-]+|Authorization|Ocp-Apim-Subscription-Key|primaryKey|secondaryKey)[""']?)(?<separator>\s*[:=]\s*[""']?)(?!\[redacted)(?!Bearer\b|Basic\b)[^\s""'&;,}]+", RegexOptions.IgnoreCase)]
    private static partial Regex NamedSecret();

    /// <summary>An Azure storage / service account key on its own: 64 bytes in base64 (86 characters and "==").</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])")]
    private static partial Regex StorageKey();
}
