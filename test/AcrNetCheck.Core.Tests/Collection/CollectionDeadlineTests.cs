using AcrNetCheck.Core.Collection;

namespace AcrNetCheck.Core.Tests.Collection;

/// <summary>The run's one budget: every step's share is derived from --timeout here, and nowhere else.</summary>
public sealed class CollectionDeadlineTests
{
    [Theory]
    [InlineData(60, 20, 30, 5)]
    [InlineData(6, 6, 6, 1.8)] // reads have 5.4 s (0.6 s is kept for the report); a probe a third of that
    [InlineData(86400, 20, 30, 5)]
    public void Shares_AreBoundedByTheTimeoutAndTheirCeilings(int timeoutSeconds, int perTry, int credential, double probe)
    {
        using var deadline = new CollectionDeadline(TimeSpan.FromSeconds(timeoutSeconds), DateTimeOffset.Now, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(perTry), deadline.PerTryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(credential), deadline.CredentialProcessTimeout);
        Assert.Equal(TimeSpan.FromSeconds(probe), deadline.ProbeTimeout);
        Assert.Equal($"--timeout {timeoutSeconds} s", deadline.Describe());
    }

    [Fact]
    public async Task Token_ExpiresBeforeTheTimeoutLeavingTheReserve_AndCountsFromTheStart()
    {
        // Started 1.5 s ago with a 2 s timeout: 0.2 s is kept for the report, so reads have about 0.3 s left.
        using var deadline = new CollectionDeadline(TimeSpan.FromSeconds(2), DateTimeOffset.Now - TimeSpan.FromSeconds(1.5), CancellationToken.None);

        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public void CallerCancellation_IsNotAnExpiry()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new CollectionDeadline(TimeSpan.FromSeconds(60), DateTimeOffset.Now, caller.Token);

        caller.Cancel();

        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(86401)]
    [InlineData(4294968)]
    public void TimeoutOutsideOneSecondToADay_IsRefused(int seconds) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CollectionDeadline(TimeSpan.FromSeconds(seconds), DateTimeOffset.Now, CancellationToken.None));
}
