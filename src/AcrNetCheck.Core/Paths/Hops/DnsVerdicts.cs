using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>The DNS hop's verdict for one registry name, resolved from one client virtual network.</summary>
internal sealed record DnsVerdict(string ClientVnetId, RegistryEndpoint Endpoint, DnsStep Step);

/// <summary>
/// The DNS hop weighed for every registry name from every virtual network whose resolution matters: the source subnets' when
/// the client sits in one (as the paths weigh them), else each approved private endpoint's. The private DNS rules map these
/// verdicts to findings, so a rule and a path never judge a zone, a link or a record apart.
/// </summary>
internal static class DnsVerdicts
{
    private static readonly object Key = new();

    public static Gathered<DnsVerdict> For(EvidenceView evidence) => evidence.Derived(Key, Compute);

    /// <summary>
    /// Failed with the findings <paramref name="toFindings"/> makes of the verdicts naming <paramref name="ruleId"/>; else skipped
    /// for the first name that could not be judged; else passed. Not applicable without an approved private endpoint.
    /// </summary>
    public static RuleResult Map(EvidenceView evidence, string ruleId, Func<IReadOnlyList<DnsVerdict>, IEnumerable<Finding>> toFindings)
    {
        if (PrivateDnsFacts.RequireApprovedPrivateEndpoint(evidence) is { } unavailable) return unavailable;
        var verdicts = For(evidence);
        var naming = verdicts.Items.Where(v => v.Step.RuleId == ruleId).ToList();
        if (naming.Count > 0) return RuleResult.From(toFindings(naming).ToList());
        var undecided = verdicts.MissingReasons.Concat(verdicts.Items.Select(v => v.Step.Needs).OfType<SkipReason>()).FirstOrDefault();
        if (undecided is not null) return RuleResult.Skip(undecided);
        // Where every name stops at another cause first, this rule's question was never reached: not a pass.
        var earlier = verdicts.Items.Select(v => v.Step.RuleId).ToList();
        return earlier.Count > 0 && earlier.All(id => id is not null)
            ? RuleResult.NotApplicable($"the DNS hop stops at an earlier cause ({FindingText.List(earlier.OfType<string>().Distinct())})")
            : RuleResult.Pass();
    }

    private static Gathered<DnsVerdict> Compute(EvidenceView evidence)
    {
        var verdicts = new List<DnsVerdict>();
        var endpoints = evidence.Endpoints.Where(e => e.Purpose != EndpointPurpose.Storage).ToList();
        if (evidence.SourceSubnetIds.Count > 0)
        {
            // A subnet's names are resolved where its VNet says: the VNet's id is in the subnet's, read or not.
            foreach (var vnetId in evidence.SourceSubnetIds.Select(s => new ResourceId(s).Parent).OfType<string>().Distinct(ResourceId.Comparer))
            {
                var resolution = DnsResolution.OfVnet(evidence, vnetId);
                verdicts.AddRange(endpoints.Select(e => new DnsVerdict(vnetId, e, DnsHop.Evaluate(evidence, resolution, e))));
            }
            return new(verdicts, []);
        }

        var vnets = PrivateDnsFacts.VnetsThatMatter(evidence);
        foreach (var vnetId in vnets.Items)
        {
            var resolution = DnsResolution.OfVnet(evidence, vnetId);
            verdicts.AddRange(endpoints.Select(e => new DnsVerdict(vnetId, e, DnsHop.Evaluate(evidence, resolution, e))));
        }
        return new(verdicts, [.. vnets.MissingReasons]);
    }
}
