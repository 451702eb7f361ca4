using System.Text.RegularExpressions;

namespace AcrNetCheck.Core.Collection.Probes.Https;

/// <summary>How ACR answers an anonymous GET /v2/, read without judging it.</summary>
internal static partial class RegistryAnswer
{
    /// <summary>Response headers worth keeping: the challenge and what identifies the server. Others are noise.</summary>
    public static readonly IReadOnlyList<string> RecordedHeaders = ["Www-Authenticate", "Docker-Distribution-Api-Version", "Server", "Content-Type"];

    public const int BodySnippetLength = 300;

    /// <summary>
    /// The client address ACR names when its network rules refuse a request, e.g.
    /// {"errors":[{"code":"DENIED","message":"client with IP '203.0.113.7' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}.
    /// Source: learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access (symptoms).
    /// </summary>
    public static string? DeniedClientIp(string? body) =>
        body is not null && DeniedPattern().Match(body) is { Success: true } m ? m.Groups["ip"].Value : null;

    public static string? Snippet(string body)
    {
        var flat = body.ReplaceLineEndings(" ").Trim();
        return flat.Length == 0 ? null : flat.Length <= BodySnippetLength ? flat : flat[..BodySnippetLength] + "…";
    }

    [GeneratedRegex(@"client with IP '(?<ip>[0-9A-Fa-f.:]+)' is not allowed access", RegexOptions.IgnoreCase)]
    private static partial Regex DeniedPattern();
}
