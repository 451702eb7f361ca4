using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>What the Network Watcher rules share: who the checks ran from, in which region's watcher, or why they could not run.</summary>
internal static class WatcherFacts
{
    /// <summary>The client and its region's watcher; else the result saying why the checks did not run (with the command that enables them).</summary>
    public static RuleResult? Precondition(EvidenceView evidence, out NetworkWatcherChecks.Client client, out string watcher)
    {
        client = null!;
        watcher = "";
        if (NetworkWatcherChecks.ClientOf(evidence) is not { } found)
            return RuleResult.NotApplicable("no client VM named (--from <vm | nic>), so Network Watcher had nothing to check from");
        client = found;
        var list = NetworkWatcherChecks.WatchersList(found.SubscriptionId);
        if (evidence.List(list) is null) return RuleResult.Skip(evidence.MissingReason(list, $"arm.lists[{list}]"));
        if (NetworkWatcherChecks.WatcherOf(evidence, found) is not { } id)
            return RuleResult.Needs($"a Network Watcher in {found.Region}, where VM {found.VmName} runs (none is there; enable it: {NetworkWatcherChecks.EnableCommand(found.Region)})");
        watcher = id;
        return null;
    }

    /// <summary>
    /// Findings from one check per destination; skipped when none of them has an answer, else the unanswered ones are named in
    /// the pass reason. <paramref name="judge"/> returns a finding for a failing answer.
    /// </summary>
    public static RuleResult Judge(EvidenceView evidence, IEnumerable<(string Key, string Destination)> checks, Func<string, string, Newtonsoft.Json.Linq.JObject, Finding?> judge, Func<SkipReason, SkipReason>? explain = null)
    {
        var findings = new List<Finding>();
        var unanswered = new List<string>();
        var all = checks.ToList();
        foreach (var (key, destination) in all)
        {
            if (evidence.RawResource(key) is not { } answer) { unanswered.Add(key); continue; }
            if (judge(key, destination, answer) is { } finding) findings.Add(finding);
        }
        if (all.Count == 0) return RuleResult.NotApplicable("no registry address or host to check");
        if (unanswered.Count == all.Count)
        {
            var reason = evidence.MissingReason(unanswered[0], $"arm.resources[{unanswered[0]}]");
            return RuleResult.Skip(explain?.Invoke(reason) ?? reason);
        }
        return RuleResult.From(findings, unanswered.Count == 0 ? null : $"not answered, so not checked: {FindingText.List(unanswered)}");
    }
}
