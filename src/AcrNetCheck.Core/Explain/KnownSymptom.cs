using System.Text.RegularExpressions;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Explain;

/// <summary>Which acr-netcheck (or az/kubectl) command decides between a symptom's candidate causes.</summary>
internal enum NextStep
{
    /// <summary>Client-side causes (DNS, TCP, TLS, proxy): probe from the machine that failed.</summary>
    Probe,
    /// <summary>Registry-side causes (network rules, private endpoint, DNS zones): read the registry from ARM.</summary>
    Diagnose,
    /// <summary>Not the network: the credentials. az acr login shows the sign-in error itself.</summary>
    SignIn,
    /// <summary>A pull from Kubernetes whose underlying error is not in the text: read it from the pod's events.</summary>
    PodEvents,
}

/// <summary>
/// One message people paste, declared once: the patterns that recognise it, where it comes from, what it means, the rules
/// that decide between its causes and the step that runs them. <see cref="Fallback"/> symptoms (a wrapper such as
/// ImagePullBackOff, a bare 403) are reported only when nothing more specific matched.
/// </summary>
internal sealed record KnownSymptom(
    string Id,
    string Title,
    string Source,
    string Meaning,
    Regex[] Patterns,
    Func<IEnumerable<Rule>> Causes,
    NextStep NextStep,
    bool Fallback = false,
    string? CheckHealthCode = null)
{
    /// <summary>az acr check-health's error reference, one anchor per code (the code in lower case).</summary>
    public const string HealthErrorReference = "https://learn.microsoft.com/azure/container-registry/container-registry-health-error-reference";

    public Uri? DocLink => CheckHealthCode is null ? null : new Uri($"{HealthErrorReference}#{CheckHealthCode.ToLowerInvariant()}");

    public Match? FirstMatch(string text) => Patterns.Select(p => p.Match(text)).FirstOrDefault(m => m.Success);
}
