using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// Orders findings so a person reads the root cause first: findings no other finding explains, by severity then area
/// (nearest the client first), each followed by the findings it explains. A finding explained by several is placed
/// under the first of them.
/// </summary>
/// <remarks>
/// Whether one finding explains another depends only on their rule ids, so the parent of a finding is chosen once per rule
/// id, among the first finding of each rule: O(n log n) for the sort, then linear, however many findings one rule gives
/// (a crafted bundle with 80,000 login groups gives 80,000 denied-logins findings).
/// </remarks>
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

        bool IdExplains(string parent, string child) => explains.TryGetValue(parent, out var set) && set.Contains(child);

        // The first finding of each rule, in priority order: the only one of its rule that can become a parent.
        var firstOfRule = new Dictionary<string, FindingReport>();
        foreach (var f in byPriority) firstOfRule.TryAdd(f.Id, f);
        var ruleIds = firstOfRule.Keys.ToList();
        var position = byPriority.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i);

        var parentOfRule = new Dictionary<string, FindingReport?>();
        FindingReport? ParentFor(string childId)
        {
            if (parentOfRule.TryGetValue(childId, out var known)) return known;
            // Only a rule that is itself not explained by the child's can be its parent: this keeps the tree acyclic.
            var candidates = ruleIds.Where(id => IdExplains(id, childId) && !IdExplains(childId, id)).ToList();
            // The nearest cause wins: a candidate that another candidate explains sits between that one and the child
            // (zone not linked → resolves public IP → public access refused).
            var nearest = candidates.Where(p => candidates.Any(q => IdExplains(q, p) && !IdExplains(p, q)));
            var chosen = First(nearest) ?? First(candidates);
            return parentOfRule[childId] = chosen;
        }
        FindingReport? First(IEnumerable<string> ids) => ids.Select(id => firstOfRule[id]).MinBy(f => position[f]);

        foreach (var child in byPriority)
        {
            if (ParentFor(child.Id) is not { } parent) continue;
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
