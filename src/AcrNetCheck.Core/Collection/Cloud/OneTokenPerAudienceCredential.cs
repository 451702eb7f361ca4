using System.Collections.Concurrent;
using Azure.Core;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// Asks the real credential once per audience per run and hands that token to every later caller until shortly before it
/// expires. Callers spell one audience several ways: sign-in asks for <c>https://management.core.windows.net/.default</c>,
/// ArmClient for the audience plus <c>/.default</c> (<c>…windows.net//.default</c>), and each spelling used to cost an
/// <c>az account get-access-token</c> (~0.8 s). Concurrent first requests for one audience share one call.
/// A request with claims (a Continuous Access Evaluation challenge) always goes to the real credential.
/// </summary>
internal sealed class OneTokenPerAudienceCredential(TokenCredential inner) : TokenCredential
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    // A credential may only have tokens that end within the margin (az hands out its cached one): asked at most this often.
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromMinutes(1);

    private sealed record Entry(Lazy<Task<AccessToken>> Token, DateTimeOffset AskedAt);

    private readonly ConcurrentDictionary<string, Entry> _tokens = new(StringComparer.Ordinal);

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        if (requestContext.Claims is not null) return await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
        var key = AudienceKey(requestContext);
        var entry = _tokens.GetOrAdd(key, _ => Ask(requestContext, cancellationToken));
        var token = await Await(key, entry).ConfigureAwait(false);
        var now = DateTimeOffset.UtcNow;
        if (token.ExpiresOn - RefreshMargin > now || (token.ExpiresOn > now && now - entry.AskedAt < MinimumRefreshInterval)) return token;

        var fresh = Ask(requestContext, cancellationToken);
        entry = _tokens.TryUpdate(key, fresh, entry) ? fresh : _tokens.GetOrAdd(key, fresh);
        return await Await(key, entry).ConfigureAwait(false);
    }

    private Entry Ask(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(new Lazy<Task<AccessToken>>(() => inner.GetTokenAsync(requestContext, cancellationToken).AsTask()), DateTimeOffset.UtcNow);

    private async Task<AccessToken> Await(string key, Entry entry)
    {
        try
        {
            return await entry.Token.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled request is not remembered: the next caller asks again (and sees its own error).
            _tokens.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    /// <summary>
    /// The scopes as one audience: case-insensitive, and a resource's trailing slash before <c>/.default</c> dropped
    /// (<c>https://management.core.windows.net//.default</c> and <c>https://management.core.windows.net/.default</c> are
    /// the same Entra resource). Tenant matters too: a token of one tenant is refused by another's resources.
    /// </summary>
    public static string AudienceKey(TokenRequestContext request) =>
        string.Join(' ', request.Scopes.Select(NormalizeScope).Order(StringComparer.Ordinal)) + "|" + request.TenantId;

    private static string NormalizeScope(string scope)
    {
        const string Default = "/.default";
        var trimmed = scope.Trim();
        var resource = trimmed.EndsWith(Default, StringComparison.OrdinalIgnoreCase) ? trimmed[..^Default.Length] : trimmed;
        return resource.TrimEnd('/').ToLowerInvariant() + (resource.Length == trimmed.Length ? "" : Default);
    }
}
