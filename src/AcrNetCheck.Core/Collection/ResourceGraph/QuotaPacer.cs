using System.Globalization;
using Azure;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// Resource Graph's per-user quota: each answer says how many queries remain in the window and when it resets. When none
/// remain, the next query waits for the reset instead of drawing a 429 (the pipeline's retry handles the 429s that still
/// come, with their Retry-After). Shared by every query of one client, since the quota is the caller's, not the query's.
/// </summary>
internal sealed class QuotaPacer(TimeProvider time, ICollectionLog log)
{
    /// <summary>
    /// Waited beyond the announced reset: the reset is counted in whole seconds on the server's clock, and a timer may fire a
    /// little early on ours, so a query sent exactly at the reset can still land in the old window and draw a 429.
    /// </summary>
    public static readonly TimeSpan SafetyMargin = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public async Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate) wait = _notBefore - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return;
        log.Verbose($"Resource Graph quota used up: waiting {wait.TotalSeconds:0.#} s for it to reset");
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    public void Observe(Response response)
    {
        if (!response.Headers.TryGetValue(ResourceGraphApi.QuotaRemainingHeader, out var remainingText)
            || !int.TryParse(remainingText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining)
            || remaining > 0)
            return;
        var resetsAfter = response.Headers.TryGetValue(ResourceGraphApi.QuotaResetsAfterHeader, out var resetText)
                          && TimeSpan.TryParse(resetText, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
            ? parsed
            : TimeSpan.FromSeconds(1);
        lock (_gate)
        {
            var notBefore = time.GetUtcNow() + resetsAfter + SafetyMargin;
            if (notBefore > _notBefore) _notBefore = notBefore;
        }
    }
}
