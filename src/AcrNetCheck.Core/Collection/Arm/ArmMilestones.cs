using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>A point in the ARM collection that another collector can start from.</summary>
public enum ArmMilestone
{
    /// <summary>The collection has begun: only the registry's resource id is known (what a read at the registry's scope needs).</summary>
    Started,

    /// <summary>The registry's document (or its failure): the login server is known, the other endpoints not yet.</summary>
    RegistryDocumentRead,

    /// <summary>The registry document, its replications and the client's source subnets: every endpoint to probe is known.</summary>
    RegistryRead,

    /// <summary>The registry's diagnostic settings: the workspaces that receive its login events are known.</summary>
    DiagnosticSettingsRead,

    /// <summary>
    /// The private endpoints' documents and the client's source subnets (or their failures): every subnet a private endpoint sits
    /// in or the client stands for is known, before those subnets and their NSGs are read.
    /// </summary>
    PrivateEndpointsRead,

    /// <summary>The whole read graph (private endpoint addresses, service tags): Network Watcher's checks start from it.</summary>
    Collected,
}

/// <summary>
/// A collector that needs part of the ARM evidence, and only that part: the collection runner starts it as soon as the
/// ARM collector reaches <see cref="Needs"/>, with a bundle holding what ARM had read by then, instead of after the
/// whole read graph.
/// </summary>
/// <remarks>
/// A collector that can start with less and use more later (the probes: the login server first, the data endpoints once
/// the replications are read) names the first milestone here and awaits the later ones through
/// <see cref="CollectionContext.ArmProgress"/>.
/// </remarks>
internal interface IArmDependentCollector : IEvidenceCollector
{
    ArmMilestone Needs { get; }
}

/// <summary>
/// Where the ARM collector says how far it got. Each milestone completes once, with a way to take a snapshot of the
/// evidence read so far (each dependent gets its own bundle); all complete when the collection ends, however it ends,
/// so no dependent waits forever.
/// </summary>
internal sealed class ArmMilestones
{
    private readonly Dictionary<ArmMilestone, TaskCompletionSource<Func<EvidenceBundle>>> _reached =
        Enum.GetValues<ArmMilestone>().ToDictionary(m => m, _ => new TaskCompletionSource<Func<EvidenceBundle>>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Completes when <paramref name="milestone"/> is reached, with the snapshot to take.</summary>
    public Task<Func<EvidenceBundle>> Reached(ArmMilestone milestone) => _reached[milestone].Task;

    public void Reach(ArmMilestone milestone, Func<EvidenceBundle> snapshot) => _reached[milestone].TrySetResult(snapshot);

    /// <summary>Every milestone not reached yet is reached now (the collection ended, or broke).</summary>
    public void ReachAll(Func<EvidenceBundle> snapshot)
    {
        foreach (var milestone in _reached.Keys) Reach(milestone, snapshot);
    }
}
