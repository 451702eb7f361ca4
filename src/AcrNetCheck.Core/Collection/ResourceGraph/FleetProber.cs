using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// <c>scan --probe</c>: runs the client-side probes from this machine for each fleet bundle, at most
/// <paramref name="parallelism"/> registries at a time, all within the run's deadline. Bundles come out in the order their
/// probes finish; a registry whose probes could not finish in time gets a collection error, as in <c>diagnose</c>.
/// </summary>
internal sealed class FleetProber(ProbeOptions options, CollectionDeadline deadline, int parallelism, ICollectionLog log)
{
    public const string ProbesRun = "Fleet scan through Azure Resource Graph, with client-side probes (DNS, TCP, TLS, HTTP) from the machine that ran the scan.";

    public async IAsyncEnumerable<EvidenceBundle> ProbeAsync(IAsyncEnumerable<EvidenceBundle> bundles, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var probed = Channel.CreateBounded<EvidenceBundle>(Math.Max(1, parallelism));
        var producer = Task.Run(async () =>
        {
            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(bundles, parallel, async (bundle, token) =>
                {
                    await ProbeOneAsync(bundle).ConfigureAwait(false);
                    await probed.Writer.WriteAsync(bundle, token).ConfigureAwait(false);
                }).ConfigureAwait(false);
                probed.Writer.Complete();
            }
            catch (Exception ex)
            {
                probed.Writer.Complete(ex);
            }
        }, cancellationToken);

        await foreach (var bundle in probed.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return bundle;
        await producer.ConfigureAwait(false);
    }

    private async Task ProbeOneAsync(EvidenceBundle bundle)
    {
        var context = new CollectionContext { Target = bundle.Target ?? new RegistryTarget(), Deadline = deadline, Log = log };
        try
        {
            await new ProbeCollector(options).CollectAsync(context, bundle, deadline.Token).ConfigureAwait(false);
            bundle.Description = ProbesRun;
        }
        catch (OperationCanceledException) when (!deadline.CallerToken.IsCancellationRequested)
        {
            bundle.CollectionErrors.Add(new CollectionError
            {
                Read = "probes", ResourceId = bundle.Target?.ResourceId, ErrorCode = "Timeout",
                Message = $"probes: no result within {deadline.Describe()}",
            });
        }
    }
}
