using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// What <c>acr-netcheck explain</c> read in an error message: each symptom it recognised with the rules that decide between
/// its candidate causes and the command that runs them, and the values the text named (host, client IP, issuer…).
/// A public contract like the report: fields are added, never renamed.
/// </summary>
public sealed record Explanation
{
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Recognised symptoms, most specific first; empty when nothing in the text is known.</summary>
    public required IReadOnlyList<RecognisedSymptom> Symptoms { get; init; }

    /// <summary>Every value the text named, in a fixed order (see <see cref="ErrorValues"/>).</summary>
    public required IReadOnlyList<ExtractedValue> Evidence { get; init; }

    /// <summary>The first command to run: the first symptom's, or a probe/diagnose when nothing was recognised.</summary>
    public required string NextCommand { get; init; }
}

public sealed record RecognisedSymptom
{
    /// <summary>Stable kebab-case id, e.g. <c>dns-no-such-host</c>.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Which tool prints this message: docker/containerd, kubelet, az acr login, az acr check-health.</summary>
    public required string Source { get; init; }
    /// <summary>The part of the text that matched.</summary>
    public required string Matched { get; init; }
    /// <summary>What the message means, in one or two sentences.</summary>
    public required string Meaning { get; init; }
    public required IReadOnlyList<CandidateCause> Causes { get; init; }
    public required string NextCommand { get; init; }
    /// <summary>The Azure CLI's own page for a check-health error code, when the text carried one.</summary>
    public Uri? DocLink { get; init; }
}

/// <summary>A rule of the catalog that decides whether this cause is the one: run it (the next command does) to know.</summary>
public sealed record CandidateCause(string RuleId, string Title, Severity Severity, Uri DocLink);

/// <summary>A value named in the error text, e.g. <c>clientIp = 20.81.4.12</c>.</summary>
public sealed record ExtractedValue(string Name, string Value);
