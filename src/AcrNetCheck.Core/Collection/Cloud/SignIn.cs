using Azure.Core;
using Azure.Identity;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// Gets the ARM token once, before any read, so a failed sign-in is one clear error (what was tried, what to run) rather
/// than the same failure on every read; later reads reuse the token until shortly before it expires.
/// </summary>
public static class SignIn
{
    public static async Task<TokenCredential> SignInAsync(TokenCredential credential, string method, AzureCloud cloud, ICollectionLog log, CancellationToken cancellationToken)
    {
        var request = new TokenRequestContext([cloud.ManagementScope]);
        try
        {
            var token = await credential.GetTokenAsync(request, cancellationToken).ConfigureAwait(false);
            log.Verbose($"signed in to {cloud.Name} with {method} credentials");
            return new ReusedTokenCredential(credential, token, request.Scopes);
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
        {
            // The credential's own text can be long (one paragraph per source); it stays behind --debug.
            log.Debug($"sign-in failure detail: {ex.Message}");
            // With --auth auto, AZURE_TOKEN_CREDENTIALS narrows DefaultAzureCredential to what it names.
            var pinned = method == AzureCredentials.Auto ? Environment.GetEnvironmentVariable("AZURE_TOKEN_CREDENTIALS") : null;
            var tried = pinned is { Length: > 0 } ? $"{pinned} (from AZURE_TOKEN_CREDENTIALS)" : AzureCredentials.Methods[AzureCredentials.Normalize(method)];
            throw new CollectionSetupException(SetupFailure.SignInFailed,
                $"could not sign in to {cloud.Name} for {cloud.ManagementAudience}; tried: {tried}. Run 'az login' (or pick one with --auth), then retry.", ex);
        }
    }

    /// <summary>
    /// Hands out the token obtained at sign-in while it is valid, for the scope it was obtained for; asks the real credential
    /// again after that, and for any other audience (Log Analytics): an ARM token there would be refused.
    /// </summary>
    private sealed class ReusedTokenCredential(TokenCredential inner, AccessToken first, string[] scopes) : TokenCredential
    {
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            IsFresh(requestContext) ? first : inner.GetToken(requestContext, cancellationToken);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            IsFresh(requestContext) ? ValueTask.FromResult(first) : inner.GetTokenAsync(requestContext, cancellationToken);

        private bool IsFresh(TokenRequestContext request) =>
            request.Claims is null && request.Scopes.SequenceEqual(scopes, StringComparer.OrdinalIgnoreCase) && first.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow;
    }
}
