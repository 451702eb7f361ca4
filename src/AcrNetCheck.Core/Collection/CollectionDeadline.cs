namespace AcrNetCheck.Core.Collection;

/// <summary>
/// The --timeout of one run. Reads stop a little before it (<see cref="ReserveFor"/>) so the report is still analyzed and
/// written in time; a timeout is then a collection error, while the caller's own cancellation (Ctrl+C) still propagates.
/// </summary>
public sealed class CollectionDeadline : IDisposable
{
    private readonly CancellationTokenSource _source;

    /// <param name="startedAt">When the run began (the process start for the CLI), so start-up time counts against the timeout too.</param>
    public CollectionDeadline(TimeSpan timeout, DateTimeOffset startedAt, CancellationToken callerToken)
    {
        Timeout = timeout;
        CallerToken = callerToken;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        var remaining = startedAt + timeout - ReserveFor(timeout) - DateTimeOffset.Now;
        _source.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
    }

    public TimeSpan Timeout { get; }

    /// <summary>Cancelled at the deadline or by the caller.</summary>
    public CancellationToken Token => _source.Token;

    public CancellationToken CallerToken { get; }

    public bool Expired => _source.IsCancellationRequested && !CallerToken.IsCancellationRequested;

    /// <summary>Time kept back for analysis and rendering: a tenth of the timeout, between 0.2 and 1 second.</summary>
    public static TimeSpan ReserveFor(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 10, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(1).Ticks));

    public void Dispose() => _source.Dispose();
}
