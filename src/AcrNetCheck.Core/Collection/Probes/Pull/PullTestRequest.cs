using Azure.Core;

namespace AcrNetCheck.Core.Collection.Probes.Pull;

/// <summary>
/// What <c>--pull-test [repository[:tag]]</c> asks for. Without a repository the first one the catalog lists is used; without
/// a tag, <c>latest</c> when the repository has it, else its first tag. The identity is the signed-in one, as for ARM.
/// </summary>
public sealed record PullTestRequest(string? Repository, string? Tag)
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

    /// <summary>Parses <c>repository[:tag]</c> or <c>repository@sha256:…</c>; empty means "let the registry say".</summary>
    public static (string? Repository, string? Reference) ParseImage(string? image)
    {
        if (string.IsNullOrWhiteSpace(image)) return (null, null);
        var at = image.IndexOf('@');
        if (at > 0) return (image[..at], image[(at + 1)..]);
        var colon = image.LastIndexOf(':');
        return colon > 0 && !image[colon..].Contains('/') ? (image[..colon], image[(colon + 1)..]) : (image, null);
    }
}
