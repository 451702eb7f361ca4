using System.Text.RegularExpressions;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// Reads an error message as a user pastes it (docker, containerd, kubelet events, az acr login, az acr check-health) and
/// says what it means: the recognised symptoms, the catalog rules that decide between their causes, the next command
/// with the values from the text filled in. Pure: no I/O.
/// </summary>
public static class ErrorExplainer
{
    /// <summary>Longest excerpt shown as <see cref="RecognisedSymptom.Matched"/>.</summary>
    private const int MaxExcerpt = 240;

    public static Explanation Explain(string text)
    {
        var values = ErrorValues.From(text);
        var found = new List<(KnownSymptom Symptom, Match Match)>();
        var explained = new List<(int Start, int End)>();
        foreach (var symptom in SymptomCatalog.All)
        {
            // A match inside text a more specific symptom already explained adds nothing ("proxyconnect tcp: … i/o timeout").
            var matches = symptom.Patterns.SelectMany(p => p.Matches(text))
                .Where(m => !explained.Any(e => m.Index >= e.Start && m.Index + m.Length <= e.End))
                .OrderBy(m => m.Index).ToList();
            if (matches.Count == 0) continue;
            found.Add((symptom, matches[0]));
            explained.AddRange(matches.Select(m => (m.Index, m.Index + m.Length)));
        }
        var specific = found.Where(f => !f.Symptom.Fallback).ToList();
        var shown = (specific.Count > 0 ? specific : found).Select(f => Recognised(f.Symptom, f.Match, values, text)).ToList();
        return new Explanation
        {
            Symptoms = shown,
            Evidence = values.All,
            NextCommand = shown.FirstOrDefault()?.NextCommand ?? NextCommands.For(values.Registry is null ? NextStep.Probe : NextStep.Diagnose, values, text),
        };
    }

    private static RecognisedSymptom Recognised(KnownSymptom symptom, Match match, ErrorValues values, string text) => new()
    {
        Id = symptom.Id,
        Title = symptom.Title,
        Source = symptom.Source,
        Matched = Excerpt(match.Value),
        Meaning = symptom.Meaning,
        Causes = symptom.Causes().Select(CandidateRules.ToCause).ToList(),
        NextCommand = NextCommands.For(symptom.NextStep, values, text),
        DocLink = symptom.DocLink,
    };

    private static string Excerpt(string matched)
    {
        var oneLine = Regex.Replace(matched.Trim(), @"\s+", " ");
        return oneLine.Length <= MaxExcerpt ? oneLine : oneLine[..(MaxExcerpt - 1)] + "…";
    }
}

/// <summary>The exact command for a <see cref="NextStep"/>, with the values the text named (placeholders otherwise).</summary>
internal static class NextCommands
{
    public static string For(NextStep step, ErrorValues values, string text)
    {
        var registry = values.Registry ?? "<registry>";
        var loginServer = values.LoginServer ?? values.Host ?? "<registry>.azurecr.io";
        return step switch
        {
            NextStep.Probe => $"acr-netcheck probe {loginServer}"
                              + (values.DataEndpoint is { } data ? $" --data-endpoint {data}" : "")
                              + (values.DnsServer is { } dns ? $" --dns-server {dns}" : "")
                              + " -o table",
            NextStep.Diagnose => $"acr-netcheck diagnose -n {registry} -o table",
            // From a cluster, the kubelet's identity is what signs in: az aks check-acr validates exactly that.
            NextStep.SignIn when FromKubernetes(text) => $"az aks check-acr --resource-group <resource-group> --name <cluster> --acr {loginServer}",
            NextStep.SignIn => $"az acr login --name {registry}",
            NextStep.PodEvents => "kubectl describe pod <pod> | acr-netcheck explain -",
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
        };
    }

    private static bool FromKubernetes(string text) =>
        Regex.IsMatch(text, "ImagePullBackOff|ErrImagePull|Failed to pull image|Back-off pulling image|kubelet", RegexOptions.IgnoreCase);
}
