using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// Orders findings so a person reads the root cause first: findings no other finding explains, by severity then area
/// (nearest the client first), each followed by the findings it explains. A finding explained by several is placed
/// under the first of them.
/// </summary>
internal static class CauseOrdering
{
    public static IReadOnlyList<FindingReport> Order(IReadOnlyList<FindingReport> findings, IReadOnlyList<RuleDescriptor> descriptors)
    {
        var explains = descriptors.ToDictionary(d => d.Id, d => d.Explains.ToHashSet());
        var rank = descriptors.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);

        var byPriority = findings
            .OrderByDescending(f => f.Severity)
            .ThenBy(f => rank.GetValueOrDefault(f.Id, int.MaxValue))
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ToList();

        bool Explains(FindingReport parent, FindingReport child) =>
            parent != child && explains.TryGetValue(parent.Id, out var set) && set.Contains(child.Id);

        foreach (var child in byPriority)
        {
            // Only a finding that is itself not explained by the child can be its parent: this keeps the tree acyclic.
            var candidates = byPriority.Where(p => Explains(p, child) && !Explains(child, p)).ToList();
            // The nearest cause wins: a candidate that another candidate explains sits between that one and the child
            // (zone not linked → resolves public IP → public access refused).
            var parent = candidates.FirstOrDefault(p => candidates.Any(q => Explains(q, p) && !Explains(p, q))) ?? candidates.FirstOrDefault();
            if (parent is null) continue;
            child.ExplainedBy = parent.Key;
            parent.Explains.Add(child.Key);
        }

        var byKey = byPriority.ToDictionary(f => f.Key);
        var ordered = new List<FindingReport>(findings.Count);
        var placed = new HashSet<string>();
        void Place(FindingReport f, int depth)
        {
            if (!placed.Add(f.Key)) return;
            f.Depth = depth;
            ordered.Add(f);
            foreach (var childKey in f.Explains) Place(byKey[childKey], depth + 1);
        }
        foreach (var root in byPriority.Where(f => f.ExplainedBy is null)) Place(root, 0);
        // A chain whose top is explained by something in a cycle never reaches a root; keep it rather than drop it.
        foreach (var rest in byPriority) Place(rest, 0);
        return ordered;
    }
}
