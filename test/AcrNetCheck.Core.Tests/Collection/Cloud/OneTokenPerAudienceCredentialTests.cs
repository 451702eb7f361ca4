using AcrNetCheck.Core.Collection.Cloud;
using Azure.Core;

namespace AcrNetCheck.Core.Tests.Collection.Cloud;

/// <summary>Each audience costs one sign-in per run, however the clients spell it; a token near its end is asked for again.</summary>
public sealed class OneTokenPerAudienceCredentialTests
{
    [Fact]
    public async Task TrailingSlashAndCase_AreOneAudience_AskedOnce()
    {
        var inner = new CountingCredential(TimeSpan.FromHours(1));
        var credential = new OneTokenPerAudienceCredential(inner);

        await credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net/.default"]), default);
        await credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net//.default"]), default);
        await credential.GetTokenAsync(new TokenRequestContext(["HTTPS://Management.Core.Windows.Net/.default"]), default);

        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task AnotherAudience_GetsItsOwnToken()
    {
        var inner = new CountingCredential(TimeSpan.FromHours(1));
        var credential = new OneTokenPerAudienceCredential(inner);

        var arm = await credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net/.default"]), default);
        var logs = await credential.GetTokenAsync(new TokenRequestContext(["https://api.loganalytics.io/.default"]), default);

        Assert.Equal(2, inner.Calls);
        Assert.NotEqual(arm.Token, logs.Token);
    }

    [Fact]
    public async Task ConcurrentFirstRequests_ShareOneCall()
    {
        var inner = new CountingCredential(TimeSpan.FromHours(1), delay: TimeSpan.FromMilliseconds(100));
        var credential = new OneTokenPerAudienceCredential(inner);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net/.default"]), default).AsTask()));

        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task ShortLivedToken_IsNotAskedForOnEveryRequest()
    {
        var inner = new CountingCredential(TimeSpan.FromMinutes(2));
        var credential = new OneTokenPerAudienceCredential(inner);

        await credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net/.default"]), default);
        await credential.GetTokenAsync(new TokenRequestContext(["https://management.core.windows.net/.default"]), default);

        // Not asked again within a minute of asking, short-lived or not: never a sign-in per request.
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public async Task ExpiredToken_IsAskedForAgain()
    {
        var inner = new CountingCredential(TimeSpan.FromMilliseconds(50));
        var credential = new OneTokenPerAudienceCredential(inner);
        var request = new TokenRequestContext(["https://management.core.windows.net/.default"]);

        await credential.GetTokenAsync(request, default);
        await Task.Delay(100);
        var token = await credential.GetTokenAsync(request, default);

        Assert.Equal(2, inner.Calls);
        Assert.StartsWith("token-2-", token.Token);
    }

    [Fact]
    public async Task FailedSignIn_IsNotRemembered()
    {
        var inner = new CountingCredential(TimeSpan.FromHours(1)) { FailFirst = true };
        var credential = new OneTokenPerAudienceCredential(inner);
        var request = new TokenRequestContext(["https://management.core.windows.net/.default"]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => credential.GetTokenAsync(request, default).AsTask());
        await credential.GetTokenAsync(request, default);

        Assert.Equal(2, inner.Calls);
    }

    [Fact]
    public async Task ClaimsChallenge_AlwaysGoesToTheCredential()
    {
        var inner = new CountingCredential(TimeSpan.FromHours(1));
        var credential = new OneTokenPerAudienceCredential(inner);
        var scopes = new[] { "https://management.core.windows.net/.default" };

        await credential.GetTokenAsync(new TokenRequestContext(scopes), default);
        await credential.GetTokenAsync(new TokenRequestContext(scopes, claims: "{\"access_token\":{\"nbf\":{\"essential\":true}}}"), default);

        Assert.Equal(2, inner.Calls);
    }

    private sealed class CountingCredential(TimeSpan lifetime, TimeSpan delay = default) : TokenCredential
    {
        private int _calls;
        public int Calls => _calls;
        public bool FailFirst { get; init; }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken);
            if (FailFirst && call == 1) throw new InvalidOperationException("signed out");
            return new AccessToken($"token-{call}-{requestContext.Scopes[0]}", DateTimeOffset.UtcNow + lifetime);
        }
    }
}
