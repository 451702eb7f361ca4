using System.Reflection;

namespace AcrNetCheck.Core.Rules;

/// <summary>The single source of truth for which rules exist: every concrete <see cref="Rule"/> in this assembly, by id.</summary>
public static class RuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Rule>> AllRules = new(Discover);

    /// <summary>Rules ordered by area (client first, as a cause nearest the user comes first) then id.</summary>
    public static IReadOnlyList<Rule> All => AllRules.Value;

    public static Rule? Find(string id) => All.FirstOrDefault(r => r.Id == id);

    private static IReadOnlyList<Rule> Discover()
    {
        var rules = typeof(Rule).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(Rule)))
            .Select(t => (Rule)Activator.CreateInstance(t)!)
            .OrderBy(r => r.Descriptor.Area).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Rule id '{duplicate.Key}' is declared twice.");
        return rules;
    }
}
