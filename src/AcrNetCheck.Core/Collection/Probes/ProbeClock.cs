using System.Diagnostics;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>
/// One probe's time budget: its own short timeout inside the run's deadline (like ASP.NET Core health checks), so a
/// black-holed host costs one timeout, never the whole run, and the caller's cancellation still ends it at once.
/// </summary>
internal sealed class ProbeClock : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public ProbeClock(TimeSpan timeout, CancellationToken runToken)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        _cts.CancelAfter(timeout);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }
    public CancellationToken Token => _cts.Token;
    public double ElapsedMs => Math.Round(_watch.Elapsed.TotalMilliseconds, 1);

    /// <summary>True when the probe ran out of time (its own timeout or the run's deadline), as opposed to another failure.</summary>
    public bool Expired => _cts.IsCancellationRequested;

    public string TimeoutMessage => $"no answer within {Timeout.TotalMilliseconds:0} ms";

    public void Dispose() => _cts.Dispose();
}
