namespace AcrNetCheck.Core.Rules;

/// <summary>A pointer at what a finding was concluded from: where (resource id, endpoint, bundle path) and what was seen.</summary>
public sealed record EvidenceRef(string Source, string Path, string? Observed, string? Expected = null);

/// <summary>One concrete problem a rule found, with the evidence it used.</summary>
public sealed record Finding
{
    /// <summary>What the finding is about (an FQDN, a resource id, an IP): with the rule id it makes the finding's key.</summary>
    public required string Subject { get; init; }
    /// <summary>The specific statement for this case ("contoso.azurecr.io resolves to 20.1.2.3, expected the private endpoint's 10.1.0.5").</summary>
    public required string Message { get; init; }
    public required IReadOnlyList<EvidenceRef> Evidence { get; init; }
    /// <summary>Commands specific to this case, run before the descriptor's general steps.</summary>
    public IReadOnlyList<string> Fix { get; init; } = [];
    /// <summary>
    /// The descriptor's general steps do not apply to this case (one of them would be harmful, such as opening public access
    /// to a registry whose private endpoint the client should use): the report shows <see cref="Fix"/> alone.
    /// </summary>
    public bool FixReplacesSolution { get; init; }
}
