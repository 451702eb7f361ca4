using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Reporting;

/// <summary>One catalog entry as <c>acr-netcheck rules</c> prints it (and README's catalog table shows it).</summary>
public sealed record RuleCatalogEntry(
    string Id, Severity Severity, string Area, string Title, IReadOnlyList<string> Symptoms, string Cause,
    IReadOnlyList<string> Solution, string DocLink, IReadOnlyList<string> Explains);

public static class RuleCatalogDocument
{
    public static IReadOnlyList<RuleCatalogEntry> From(IEnumerable<Rule> rules) => rules
        .Select(r => r.Descriptor)
        .Select(d => new RuleCatalogEntry(d.Id, d.Severity, d.Area.IdPrefix(), d.Title, d.Symptoms, d.Cause, d.Solution, d.DocLink.ToString(), d.Explains))
        .ToList();
}
