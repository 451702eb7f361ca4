using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules;

/// <summary>
/// A rule that speaks only where every other rule is silent: the analyzer evaluates it last, with the findings the others
/// produced, so an observed failure no specific rule explains still ends as a finding instead of a "healthy" report.
/// </summary>
internal abstract class FallbackRule : Rule
{
    /// <summary>Evaluated alone (no other rule's findings), a fallback rule speaks for every failure it sees.</summary>
    public sealed override RuleResult Evaluate(EvidenceView evidence) => Evaluate(evidence, []);

    public abstract RuleResult Evaluate(EvidenceView evidence, IReadOnlyList<(RuleDescriptor Rule, Finding Finding)> others);
}
