using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// The error the user saw (<c>diagnose --error</c>), added to a collected bundle as evidence about the failing client:
/// the client IP ACR's firewall named becomes the vantage's public IP when the run did not learn it (the IP rules are then
/// checked against it), and the recognised symptom with its candidate rules is noted on the vantage.
/// </summary>
public static class ReportedError
{
    /// <summary>Whether the vantage's notes record a reported error recognised as <paramref name="symptomId"/> (see <see cref="AddTo"/>).</summary>
    internal static bool Reported(VantageEvidence? vantage, string symptomId) =>
        vantage?.Notes.Any(n => n.StartsWith("Reported error: ", StringComparison.Ordinal) && n.Contains($"({symptomId}: ", StringComparison.Ordinal)) == true;

    public static void AddTo(EvidenceBundle bundle, Explanation explanation)
    {
        var vantage = bundle.Vantage ??= new VantageEvidence();
        if (explanation.Evidence.FirstOrDefault(v => v.Name == ErrorValues.Names.ClientIp) is { } clientIp && string.IsNullOrEmpty(vantage.PublicIp))
            vantage.PublicIp = clientIp.Value;
        foreach (var symptom in explanation.Symptoms)
            vantage.Notes.Add($"Reported error: {symptom.Title} ({symptom.Id}: \"{symptom.Matched}\"); decided by {string.Join(", ", symptom.Causes.Select(c => c.RuleId))}.");
        if (explanation.Symptoms.Count == 0)
            vantage.Notes.Add("Reported error: no known registry error in the text given with --error.");
    }
}
