using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection;

/// <summary>
/// Runs the collectors of one run in order (ARM first: the probes need the data endpoints it finds), each adding to the
/// same bundle, all under one deadline. A collector that breaks becomes a collection error; the bundle is always returned.
/// </summary>
public static class CollectionRunner
{
    public static async Task<EvidenceBundle> RunAsync(CollectionContext context, IReadOnlyList<IEvidenceCollector> collectors, ToolInfo tool, CollectionDeadline deadline)
    {
        var bundle = new EvidenceBundle { Tool = tool, CollectedAt = DateTimeOffset.UtcNow, Target = context.Target };
        foreach (var collector in collectors)
        {
            context.Log.Verbose($"collecting {collector.Name} evidence");
            try
            {
                await collector.CollectAsync(context, bundle, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!deadline.CallerToken.IsCancellationRequested)
            {
                context.Log.Debug($"{collector.Name} collector failed: {ex}");
                bundle.CollectionErrors.Add(new CollectionError
                {
                    Read = collector.Name,
                    ErrorCode = ex is OperationCanceledException ? "Timeout" : "CollectorFailed",
                    Message = ex is OperationCanceledException
                        ? $"{collector.Name}: no result within {deadline.Describe()}"
                        : $"{collector.Name}: {ex.GetType().Name}: {ex.Message}",
                });
            }
        }
        deadline.CallerToken.ThrowIfCancellationRequested();
        return bundle;
    }
}
