using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection;

/// <summary>
/// Runs the collectors of one run, all under one deadline, each as soon as what it needs is known: the ARM collector at
/// once, and each <see cref="IArmDependentCollector"/> (probes, login events) when ARM reaches the milestone it needs,
/// on a bundle holding what ARM had read by then (a collector that needs more later awaits it through
/// <see cref="CollectionContext.ArmProgress"/>); any other collector after the whole ARM collection.
/// To add a collector: implement <see cref="IEvidenceCollector"/> (plus <see cref="IArmDependentCollector"/> naming the
/// earliest <see cref="ArmMilestone"/> it can start from), write only the sections it owns, and add it to the list in
/// <c>DiagnosisService</c>. So a slow probe never delays the logs, and neither waits for the whole
/// ARM read graph. Each collector writes into its own bundle; they are merged in the order given (ARM first), so the
/// result is the one running them one after another would give. A collector that breaks becomes a collection error;
/// the bundle is always returned.
/// </summary>
internal static class CollectionRunner
{
    public static async Task<EvidenceBundle> RunAsync(CollectionContext context, IReadOnlyList<IEvidenceCollector> collectors, ToolInfo tool, CollectionDeadline deadline)
    {
        var bundle = new EvidenceBundle { Tool = tool, CollectedAt = DateTimeOffset.UtcNow, Target = context.Target };
        var arm = collectors.OfType<ArmCollector>().FirstOrDefault();
        if (arm is null)
        {
            // Nothing to start early from (e.g. logs alone): each collector sees what the ones before it added.
            foreach (var collector in collectors) await RunOneAsync(context, collector, bundle, deadline).ConfigureAwait(false);
        }
        else
        {
            var following = context.Following(arm.Milestones);
            var runs = collectors.Select(collector => collector == arm ? RunArmAsync(context, arm, bundle, deadline)
                : collector is IArmDependentCollector dependent ? RunDependentAsync(following, dependent, arm.Milestones, deadline)
                : RunAfterArmAsync(following, collector, arm.Milestones, deadline)).ToList();
            foreach (var run in runs) Merge(bundle, await run.ConfigureAwait(false));
        }
        deadline.CallerToken.ThrowIfCancellationRequested();
        return bundle;
    }

    /// <summary>What one collector added: its bundle, less the evidence it was started with (<paramref name="Given"/>).</summary>
    private sealed record CollectorOutput(EvidenceBundle Bundle, StartingPoint? Given = null);

    /// <summary>The sections of the bundle a collector was started with, to tell them from those it set itself.</summary>
    private sealed record StartingPoint(ServiceTagEvidence? ServiceTags, ProbeEvidence? Probes, VantageEvidence? Vantage, LoginEventsEvidence? LoginEvents, int Errors)
    {
        public static StartingPoint Of(EvidenceBundle bundle) => new(bundle.ServiceTags, bundle.Probes, bundle.Vantage, bundle.LoginEvents, bundle.CollectionErrors.Count);
    }

    private static async Task<CollectorOutput> RunArmAsync(CollectionContext context, ArmCollector arm, EvidenceBundle template, CollectionDeadline deadline)
    {
        var own = Empty(template);
        try
        {
            await RunOneAsync(context, arm, own, deadline).ConfigureAwait(false);
        }
        finally
        {
            // Also when the collector broke before reaching them: its dependents then start from what it recorded.
            arm.Milestones.ReachAll(() => Copy(own));
        }
        return new CollectorOutput(own);
    }

    private static async Task<CollectorOutput> RunDependentAsync(CollectionContext context, IArmDependentCollector collector, ArmMilestones milestones, CollectionDeadline deadline) =>
        await RunFromAsync(context, collector, milestones.Reached(collector.Needs), deadline).ConfigureAwait(false);

    /// <summary>A collector that says nothing of what it needs waits for the whole ARM collection, as before.</summary>
    private static Task<CollectorOutput> RunAfterArmAsync(CollectionContext context, IEvidenceCollector collector, ArmMilestones milestones, CollectionDeadline deadline) =>
        RunFromAsync(context, collector, AllReached(milestones), deadline);

    private static async Task<Func<EvidenceBundle>> AllReached(ArmMilestones milestones)
    {
        var all = await Task.WhenAll(Enum.GetValues<ArmMilestone>().Select(milestones.Reached)).ConfigureAwait(false);
        return all[^1];
    }

    private static async Task<CollectorOutput> RunFromAsync(CollectionContext context, IEvidenceCollector collector, Task<Func<EvidenceBundle>> start, CollectionDeadline deadline)
    {
        EvidenceBundle own;
        try
        {
            own = (await start.WaitAsync(deadline.Token).ConfigureAwait(false))();
        }
        catch (OperationCanceledException) when (!deadline.CallerToken.IsCancellationRequested)
        {
            var nothing = Empty(new EvidenceBundle { Target = context.Target });
            nothing.CollectionErrors.Add(Failure(collector, new OperationCanceledException(), deadline));
            return new CollectorOutput(nothing);
        }
        var given = StartingPoint.Of(own);
        await RunOneAsync(context, collector, own, deadline).ConfigureAwait(false);
        return new CollectorOutput(own, given);
    }

    private static async Task RunOneAsync(CollectionContext context, IEvidenceCollector collector, EvidenceBundle bundle, CollectionDeadline deadline)
    {
        context.Log.Verbose($"collecting {collector.Name} evidence");
        try
        {
            await collector.CollectAsync(context, bundle, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!deadline.CallerToken.IsCancellationRequested)
        {
            context.Log.Debug($"{collector.Name} collector failed: {ex}");
            bundle.CollectionErrors.Add(Failure(collector, ex, deadline));
        }
    }

    private static CollectionError Failure(IEvidenceCollector collector, Exception ex, CollectionDeadline deadline) => new()
    {
        Read = collector.Name,
        ErrorCode = ex is OperationCanceledException ? "Timeout" : "CollectorFailed",
        Message = ex is OperationCanceledException
            ? $"{collector.Name}: no result within {deadline.Describe()}"
            : $"{collector.Name}: {ex.GetType().Name}: {ex.Message}",
    };

    private static EvidenceBundle Empty(EvidenceBundle template) => new() { Tool = template.Tool, CollectedAt = template.CollectedAt, Target = template.Target };

    private static EvidenceBundle Copy(EvidenceBundle source)
    {
        var copy = Empty(source);
        Merge(copy, new CollectorOutput(source));
        return copy;
    }

    /// <summary>
    /// Adds one collector's output to the run's bundle, as if it had written there after the collectors before it: ARM
    /// documents and lists are united, a section it set replaces the earlier one (the probes' vantage refines ARM's), and
    /// the errors it recorded (not those it was started with) are appended.
    /// </summary>
    private static void Merge(EvidenceBundle into, CollectorOutput output)
    {
        var from = output.Bundle;
        if (from.Arm is { } arm)
        {
            var target = into.Arm ??= new ArmEvidence();
            target.RegistryApiVersion ??= arm.RegistryApiVersion;
            target.Registry ??= arm.Registry;
            if (target.RegistryCurrent is null) (target.RegistryCurrentApiVersion, target.RegistryCurrent) = (arm.RegistryCurrentApiVersion, arm.RegistryCurrent);
            foreach (var (id, document) in arm.Resources) target.Resources.TryAdd(id, document);
            foreach (var (path, ids) in arm.Lists) target.Lists.TryAdd(path, ids);
        }
        var given = output.Given;
        if (!ReferenceEquals(from.ServiceTags, given?.ServiceTags)) into.ServiceTags = from.ServiceTags ?? into.ServiceTags;
        if (!ReferenceEquals(from.Probes, given?.Probes)) into.Probes = from.Probes ?? into.Probes;
        if (!ReferenceEquals(from.Vantage, given?.Vantage)) into.Vantage = from.Vantage ?? into.Vantage;
        if (!ReferenceEquals(from.LoginEvents, given?.LoginEvents)) into.LoginEvents = from.LoginEvents ?? into.LoginEvents;
        into.CollectionErrors.AddRange(from.CollectionErrors.Skip(given?.Errors ?? 0));
    }
}
