using System.Runtime.InteropServices;

namespace AcrNetCheck.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as one cancellation token: the runtime's default would end the process at once, possibly
/// mid-write; instead requests stop, nothing partial is written, and the exit code says which signal stopped the run.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _source = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _exitCode;

    public ShutdownSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, ExitCodes.Interrupted)),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, ExitCodes.Terminated)),
        ];
    }

    public CancellationToken Token => _source.Token;

    /// <summary>The exit code of the signal that stopped the run (130, 143), or null when none came.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    private void Stop(PosixSignalContext context, int exitCode)
    {
        // A second signal while the first is being honoured ends the process the default way: a stuck run stays stoppable.
        if (_source.IsCancellationRequested) return;
        context.Cancel = true;
        Interlocked.CompareExchange(ref _exitCode, exitCode, 0);
        _source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _source.Dispose();
    }
}
