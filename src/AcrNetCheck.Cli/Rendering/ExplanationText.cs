using System.Text;
using AcrNetCheck.Core.Explain;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>The people-oriented layouts of an <see cref="Explanation"/>: -o table, and -o markdown for a ticket.</summary>
public static class ExplanationText
{
    private const string NothingRecognised = "No known registry error in the text. Probe from the failing machine, or paste the error line itself (kubectl describe pod shows it under Events).";

    public static string Table(Explanation explanation)
    {
        var sb = new StringBuilder();
        if (explanation.Symptoms.Count == 0) sb.AppendLine(NothingRecognised);
        foreach (var symptom in explanation.Symptoms)
        {
            sb.AppendLine($"Symptom: {symptom.Title} ({symptom.Id}, from {symptom.Source})");
            sb.AppendLine($"  Matched: {symptom.Matched}");
            sb.AppendLine($"  Means:   {symptom.Meaning}");
            if (symptom.Causes.Count > 0)
            {
                sb.AppendLine("  Candidate causes, decided by these rules:");
                var width = symptom.Causes.Max(c => c.RuleId.Length);
                foreach (var cause in symptom.Causes)
                    sb.AppendLine($"    {cause.RuleId.PadRight(width)}  {cause.Severity.ToString().ToUpperInvariant(),-7}  {cause.Title}");
            }
            if (symptom.DocLink is { } link) sb.AppendLine($"  Docs:    {link}");
            sb.AppendLine($"  Next:    {symptom.NextCommand}");
            sb.AppendLine();
        }
        if (explanation.Evidence.Count > 0)
            sb.AppendLine("Evidence from the text: " + string.Join(" · ", explanation.Evidence.Select(v => $"{v.Name} {v.Value}")));
        sb.AppendLine($"Next command: {explanation.NextCommand}");
        return sb.ToString();
    }

    public static string Markdown(Explanation explanation)
    {
        var sb = new StringBuilder("## Error explained by acr-netcheck\n\n");
        if (explanation.Symptoms.Count == 0) sb.AppendLine(NothingRecognised).AppendLine();
        foreach (var symptom in explanation.Symptoms)
        {
            sb.AppendLine($"### {symptom.Title} (`{symptom.Id}`)\n");
            sb.AppendLine($"- Matched: `{symptom.Matched.Replace("`", "'")}` ({symptom.Source})");
            sb.AppendLine($"- Means: {symptom.Meaning}");
            foreach (var cause in symptom.Causes) sb.AppendLine($"- Candidate: [`{cause.RuleId}`]({cause.DocLink}) {cause.Title}");
            sb.AppendLine($"- Next: `{symptom.NextCommand}`\n");
        }
        if (explanation.Evidence.Count > 0)
        {
            sb.AppendLine("| value | from the text |\n|---|---|");
            foreach (var value in explanation.Evidence) sb.AppendLine($"| {value.Name} | `{value.Value.Replace("|", "\\|")}` |");
            sb.AppendLine();
        }
        sb.AppendLine($"Next command: `{explanation.NextCommand}`");
        return sb.ToString();
    }
}
