using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// Candidate causes named through the rule catalog, never by id strings: by rule type, or by the seed article's symptom
/// that rules declare in their descriptors (so a new rule that explains a symptom becomes a candidate by itself).
/// </summary>
internal static class CandidateRules
{
    public static Rule Of<TRule>() where TRule : Rule => RuleCatalog.All.OfType<TRule>().Single();

    /// <summary>Every rule whose descriptor lists <paramref name="articleSymptom"/> (a <see cref="Rules.Symptoms"/> constant).</summary>
    public static IEnumerable<Rule> Explaining(string articleSymptom) =>
        RuleCatalog.All.Where(r => r.Descriptor.Symptoms.Contains(articleSymptom));

    public static CandidateCause ToCause(Rule rule) =>
        new(rule.Id, rule.Descriptor.Title, rule.Descriptor.Severity, rule.Descriptor.DocLink);
}
