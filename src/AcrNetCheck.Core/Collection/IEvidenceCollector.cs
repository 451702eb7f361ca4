using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection;

/// <summary>
/// One source of evidence (ARM, client-side probes, Log Analytics). <c>diagnose</c> and <c>collect</c> run them through
/// <see cref="CollectionRunner"/>, each as soon as the ARM evidence it needs is read, merged into one bundle in order; a collector records what it could not read in
/// <see cref="EvidenceBundle.CollectionErrors"/> and never judges (that is the rules' job) and never throws for a
/// failure of the thing it looks at.
/// </summary>
internal interface IEvidenceCollector
{
    /// <summary>Short name for progress and --debug output, e.g. "arm", "probes".</summary>
    string Name { get; }

    Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken);
}

/// <summary>What every collector is told: the target, the deadline and where to log.</summary>
public sealed class CollectionContext
{
    public required RegistryTarget Target { get; init; }

    /// <summary>The run's one budget (--timeout): collectors ask it for their share (a probe's, a request try's).</summary>
    public required CollectionDeadline Deadline { get; init; }

    /// <summary>The whole run's --timeout, for messages.</summary>
    public TimeSpan Timeout => Deadline.Timeout;

    public ICollectionLog Log { get; init; } = NullCollectionLog.Instance;

    /// <summary>
    /// How far the run's ARM collection got, for a collector that starts early and needs more later (null when no ARM
    /// collector runs, as in <c>probe</c>: the bundle given is then all there is).
    /// </summary>
    internal Arm.ArmMilestones? ArmProgress { get; init; }

    /// <summary>This context, telling collectors how far <paramref name="progress"/> got.</summary>
    internal CollectionContext Following(Arm.ArmMilestones progress) => new() { Target = Target, Deadline = Deadline, Log = Log, ArmProgress = progress };
}

/// <summary>Progress and diagnostics, always to stderr in the CLI; never carries secrets.</summary>
public interface ICollectionLog
{
    void Verbose(string message);
    void Debug(string message);
    void Warning(string message);
}

internal sealed class NullCollectionLog : ICollectionLog
{
    public static readonly NullCollectionLog Instance = new();
    public void Verbose(string message) { }
    public void Debug(string message) { }
    public void Warning(string message) { }
}
