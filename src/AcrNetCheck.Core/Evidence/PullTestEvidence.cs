namespace AcrNetCheck.Core.Evidence;

/// <summary>
/// The real pull path, as <c>probe --pull-test</c> walked it from this machine: the token exchange (<c>/oauth2/exchange</c>,
/// then <c>/oauth2/token</c>, as <c>az acr login --expose-token</c> does), the manifest, one blob, and the redirect followed
/// without credentials to where layers come from. No token, SAS signature or query string is ever recorded.
/// </summary>
public sealed class PullTestEvidence
{
    public string Repository { get; set; } = "";
    /// <summary>The tag or digest asked for.</summary>
    public string Reference { get; set; } = "";
    /// <summary>In order; the walk stops at the first step that fails.</summary>
    public List<PullStep> Steps { get; set; } = new();
    /// <summary>The host the blob request redirected to (storage, or the data endpoint), when it redirected.</summary>
    public string? RedirectHost { get; set; }
}

public sealed class PullStep
{
    /// <summary>One of <see cref="PullStepName"/>.</summary>
    public string Name { get; set; } = "";
    /// <summary>What was requested, without its query string.</summary>
    public string Url { get; set; } = "";
    public int? StatusCode { get; set; }
    /// <summary>The registry's own error code and message (e.g. UNAUTHORIZED), scrubbed of secrets.</summary>
    public string? Error { get => _error; set => _error = Secrets.SecretScrubber.ScrubNullable(value); }
    private string? _error;
    /// <summary>Set when the request got no answer (DNS, TCP, TLS, proxy, timeout): a network cause, not the credentials.</summary>
    public string? ErrorKind { get; set; }
    public double? ElapsedMs { get; set; }

    public bool Succeeded => StatusCode is >= 200 and < 400 && ErrorKind is null;
}

internal static class PullStepName
{
    public const string Exchange = "exchange";
    public const string Token = "token";
    public const string Catalog = "catalog";
    public const string Tags = "tags";
    public const string Manifest = "manifest";
    public const string Blob = "blob";
    /// <summary>The blob's redirect, followed without the registry's token.</summary>
    public const string Storage = "storage";
}
