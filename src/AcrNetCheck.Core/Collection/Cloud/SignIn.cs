using Azure.Core;
using Azure.Identity;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// Gets the ARM token once, before any read, so a failed sign-in is one clear error (what was tried, what to run) rather
/// than the same failure on every read. The credential returned asks once per audience (<see cref="OneTokenPerAudienceCredential"/>):
/// every later ARM read reuses the sign-in's token, and Log Analytics gets its own once.
/// </summary>
internal static class SignIn
{
    public static async Task<TokenCredential> SignInAsync(TokenCredential credential, string method, AzureCloud cloud, ICollectionLog log, CancellationToken cancellationToken)
    {
        var shared = new OneTokenPerAudienceCredential(credential);
        try
        {
            await shared.GetTokenAsync(new TokenRequestContext([cloud.ManagementScope]), cancellationToken).ConfigureAwait(false);
            log.Verbose($"signed in to {cloud.Name} with {method} credentials");
            return shared;
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
}
