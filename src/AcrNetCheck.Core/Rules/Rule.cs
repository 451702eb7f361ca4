using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules;

/// <summary>
/// One cause, one file. <see cref="Evaluate"/> only reads evidence: no I/O, clock, logging or console
/// (an architecture test enforces it).
/// </summary>
public abstract class Rule
{
    public abstract RuleDescriptor Descriptor { get; }

    public abstract RuleResult Evaluate(EvidenceView evidence);

    public string Id => Descriptor.Id;
}
