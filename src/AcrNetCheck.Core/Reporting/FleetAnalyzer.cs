using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// Analyses a stream of bundles one at a time with the same rules as <c>analyze</c>, so only the reports stay in memory;
/// each bundle is handed to <paramref name="onBundle"/> first (e.g. <c>scan --out-dir</c> writes it) and then dropped.
/// </summary>
internal static class FleetAnalyzer
{
    public static async Task<IReadOnlyList<Report>> AnalyzeAsync(IAsyncEnumerable<EvidenceBundle> bundles,
        Func<EvidenceBundle, CancellationToken, ValueTask>? onBundle = null, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var reports = new List<Report>();
        await foreach (var bundle in bundles.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (onBundle is not null) await onBundle(bundle, cancellationToken).ConfigureAwait(false);
            reports.Add(Analyzer.Analyze(bundle));
            progress?.Report(reports.Count);
        }
        return reports;
    }
}
