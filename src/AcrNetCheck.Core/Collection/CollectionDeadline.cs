namespace AcrNetCheck.Core.Collection;

/// <summary>
/// The one time budget of a run, derived from <c>--timeout</c>: every step asks it for its share instead of working one
/// out from the timeout itself. Reads stop a little before the end (<see cref="ReserveFor"/>) so the report is still
/// analyzed and written in time; a timeout is then a collection error, while the caller's own cancellation (Ctrl+C,
/// SIGTERM) still propagates.
/// </summary>
public sealed class CollectionDeadline : IDisposable
{
    /// <summary>
    /// The longest <c>--timeout</c>: a day is far beyond any real run, and it keeps every timer below the runtime's
    /// ceiling (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> refuses more than about 49.7 days).
    /// </summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(1);

    /// <summary>Each try of an ARM request gets at most this; the pipeline's retries then still fit a default run.</summary>
    private static readonly TimeSpan MaxPerTryTimeout = TimeSpan.FromSeconds(20);

    /// <summary>A credential's helper process (az, azd) gets at most this to hand out a token.</summary>
    private static readonly TimeSpan MaxCredentialProcessTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Each client-side probe (one DNS lookup, one TCP connect, one HTTPS request) gets at most this.</summary>
    private static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _source;

    /// <param name="startedAt">When the run began (the process start for the CLI), so start-up time counts against the timeout too.</param>
    public CollectionDeadline(TimeSpan timeout, DateTimeOffset startedAt, CancellationToken callerToken)
    {
        if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, $"a run's timeout is between 0 and {MaxTimeout}");
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

    /// <summary>One try of an ARM (or Log Analytics) request; a hung try is abandoned and retried within the run.</summary>
    public TimeSpan PerTryTimeout => Shorter(Timeout, MaxPerTryTimeout);

    /// <summary>How long a credential's helper process (az, azd) may take to hand out a token.</summary>
    public TimeSpan CredentialProcessTimeout => Shorter(Timeout, MaxCredentialProcessTimeout);

    /// <summary>
    /// One client-side probe: a third of the time reads have (the timeout less the reserve), at most
    /// <see cref="MaxProbeTimeout"/>, so an endpoint's DNS, then its TCP and HTTPS (which run side by side) fit twice in it.
    /// </summary>
    public TimeSpan ProbeTimeout => Shorter((Timeout - ReserveFor(Timeout)) / 3, MaxProbeTimeout);

    /// <summary>Time kept back for analysis and rendering: a tenth of the timeout, between 0.2 and 1 second.</summary>
    public static TimeSpan ReserveFor(TimeSpan timeout) =>
        TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 10, TimeSpan.FromMilliseconds(200).Ticks, TimeSpan.FromSeconds(1).Ticks));

    /// <summary>"no result within --timeout 60 s": how every timeout of the run is worded.</summary>
    public string Describe() => $"--timeout {Timeout.TotalSeconds:0.#} s";

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public void Dispose() => _source.Dispose();
}
