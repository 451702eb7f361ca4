using Azure.Core;

namespace AcrNetCheck.Core.Collection.Probes.Pull;

/// <summary>
/// What <c>--pull-test [repository[:tag]]</c> asks for. Without a repository the first one the catalog lists is used; without
/// a tag, <c>latest</c> when the repository has it, else its first tag. The identity is the signed-in one, as for ARM.
/// </summary>
public sealed partial record PullTestRequest(string? Repository, string? Tag)
{
    /// <summary>Who pulls; null for the run's credential chain (the Azure CLI's cloud, AZURE_TOKEN_CREDENTIALS honoured).</summary>
    internal TokenCredential? Credential { get; init; }

    /// <summary>
    /// The Microsoft Entra audience registries accept in <c>/oauth2/exchange</c> (azure-cli acr/_docker_utils.py asks for
    /// <c>https://containerregistry.azure.net</c> when it uses the ACR audience; an ARM token is accepted too).
    /// </summary>
    public string Scope { get; init; } = "https://containerregistry.azure.net/.default";

    /// <summary>The tenant to name in the exchange (cross-tenant sign-ins need it); null lets the registry use the token's.</summary>
    public string? Tenant { get; init; }

    /// <summary>
    /// Parses <c>repository[:tag]</c> or <c>repository@sha256:…</c> (null or empty: let the registry's catalog say); false
    /// when the repository is not a valid name (lowercase letters, digits, separators . _ - /).
    /// </summary>
    public static bool TryParse(string? image, out PullTestRequest request)
    {
        request = new PullTestRequest(null, null);
        if (string.IsNullOrWhiteSpace(image)) return true;
        var at = image.IndexOf('@');
        var colon = image.LastIndexOf(':');
        var (repository, reference) = at > 0 ? (image[..at], image[(at + 1)..])
            : colon > 0 && !image[colon..].Contains('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
        if (!RepositoryName().IsMatch(repository) || reference is { Length: 0 }) return false;
        request = new PullTestRequest(repository, reference);
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]+([._/-][a-z0-9]+)*$")]
    private static partial System.Text.RegularExpressions.Regex RepositoryName();
}
