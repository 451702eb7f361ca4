using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Paths;

/// <summary>
/// The reachability verdict per path — each source subnet to each registry endpoint — decided from configuration alone:
/// DNS from there, NSGs, routes, and what the registry accepts. Pure: reads the evidence, returns the paths, identical
/// results of several subnets grouped into one path.
/// </summary>
internal static class PathAnalyzer
{
    private static readonly object PathsKey = new();

    /// <summary>The paths of a bundle, computed once per <see cref="EvidenceView"/>: the report and every path-shaped rule read the same ones.</summary>
    public static IReadOnlyList<ReachabilityPath> Analyze(EvidenceView evidence) => evidence.Derived(PathsKey, Compute);

    /// <summary>Every step of every path that names <paramref name="ruleId"/> as its cause, with the path it lies on.</summary>
    public static IEnumerable<(ReachabilityPath Path, PathStep Step)> StepsNaming(EvidenceView evidence, string ruleId) =>
        Analyze(evidence).SelectMany(path => path.Steps.Where(step => step.RuleId == ruleId).Select(step => (path, step)));

    private static IReadOnlyList<ReachabilityPath> Compute(EvidenceView evidence)
    {
        var subnetIds = evidence.SourceSubnetIds;
        var names = SourceNames(subnetIds);
        var single = subnetIds.SelectMany(id => evidence.Endpoints.Select(endpoint => (Id: id, Endpoint: endpoint, Steps: StepsFor(evidence, id, endpoint)))).ToList();
        return single
            .GroupBy(p => (p.Endpoint.Host, Steps: string.Join(" · ", p.Steps.Select(s => s.Summary))))
            .Select(g => Build(g.Select(p => p.Id).ToList(), g.Select(p => names[p.Id]).ToList(), g.First().Endpoint, g.First().Steps))
            .ToList();
    }

    private static IReadOnlyList<PathStep> StepsFor(EvidenceView evidence, string subnetId, RegistryEndpoint endpoint)
    {
        if (evidence.Resource<SubnetView>(subnetId) is not { } subnet)
            return [new PathStep { Step = "source", Status = StepStatus.Unknown, Label = "subnet not read", Detail = $"The source subnet {subnetId} was not read.",
                Needs = evidence.MissingReason(subnetId, $"arm.resources[{subnetId}]") }];

        var dns = DnsHop.Evaluate(evidence, subnet, endpoint);
        // No name, or a wrong address: nothing further to weigh.
        if (dns.Status == StepStatus.Blocked) return [dns];
        var target = dns.Address is { } address && dns.Answer is DnsAnswer.Private or DnsAnswer.Unknown
            ? PathTarget.Private(address)
            : PathTarget.Public(evidence, endpoint);
        IReadOnlyList<PathStep> after =
        [
            NsgHop.Evaluate(evidence, subnet, target),
            RouteHop.Evaluate(evidence, subnet, target),
            AccessHop.Evaluate(evidence, subnet, endpoint, target),
        ];
        // A name that leads away from the private endpoint is the root of whatever then blocks the public way.
        var root = dns is { BypassesPrivateEndpoint: true, Status: StepStatus.Warning } && after.Any(s => s.Status == StepStatus.Blocked)
            ? dns with { Status = StepStatus.Blocked }
            : dns;
        return [root, .. after];
    }

    private static ReachabilityPath Build(IReadOnlyList<string> ids, IReadOnlyList<string> sources, RegistryEndpoint endpoint, IReadOnlyList<PathStep> steps)
    {
        var blocking = steps.FirstOrDefault(s => s.Status == StepStatus.Blocked);
        var missing = steps.Select(s => s.Needs).OfType<SkipReason>().ToList();
        var verdict = blocking is not null ? PathVerdict.Blocked : missing.Count > 0 ? PathVerdict.Unknown : PathVerdict.Reachable;
        var ruleId = blocking?.RuleId ?? steps.Select(s => s.RuleId).FirstOrDefault(r => r is not null);
        var verdictWords = verdict switch
        {
            PathVerdict.Blocked => $"verdict blocked at {blocking!.Step}" + (blocking.RuleId is { } id ? $" ({id})" : ""),
            PathVerdict.Unknown => "verdict unknown",
            _ => "verdict reachable",
        };
        return new ReachabilityPath
        {
            SourceSubnetIds = ids, Sources = sources, Destination = endpoint.Host, Purpose = endpoint.Purpose, Region = endpoint.Region,
            Verdict = verdict, BlockedAt = blocking?.Step, RuleId = ruleId, Missing = verdict == PathVerdict.Unknown ? missing : [], Steps = steps,
            Summary = $"{(ids.Count == 1 ? "subnet" : "subnets")} {string.Join(", ", sources)} → {endpoint.Host}: " +
                      string.Join(" · ", steps.Select(s => s.Summary).Append(verdictWords)),
        };
    }

    /// <summary>Subnets by name; "vnet/subnet" where two source subnets share a name (every AKS VNet has a "default").</summary>
    private static IReadOnlyDictionary<string, string> SourceNames(IReadOnlyList<string> subnetIds)
    {
        var repeated = subnetIds.GroupBy(id => new ResourceId(id).Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return subnetIds.ToDictionary(id => id, id =>
        {
            var name = new ResourceId(id).Name;
            return repeated.Contains(name) && new ResourceId(id).Parent is { } vnet ? $"{new ResourceId(vnet).Name}/{name}" : name;
        }, ResourceId.Comparer);
    }
}
