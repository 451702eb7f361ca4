using System.Text.RegularExpressions;

namespace AcrNetCheck.Core.Rules;

/// <summary>
/// What a rule is, declared once: stable id (a public contract for jq users, never renamed or reused), title, the seed
/// article's symptoms it explains, cause, solution steps and a learn.microsoft.com link.
/// </summary>
public sealed record RuleDescriptor
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required RuleArea Area { get; init; }
    public required Severity Severity { get; init; }
    public required IReadOnlyList<string> Symptoms { get; init; }
    public required string Cause { get; init; }
    /// <summary>Concrete steps, with the az commands a user would run; placeholders in angle brackets.</summary>
    public required IReadOnlyList<string> Solution { get; init; }
    public required Uri DocLink { get; init; }
    /// <summary>Rule ids whose findings are consequences of this one: listed under it, not beside it.</summary>
    public IReadOnlyList<string> Explains { get; init; } = [];
}

/// <summary>The one factory descriptors go through, so every rule is complete and its id matches its area.</summary>
internal static partial class Descriptors
{
    /// <summary>The seed article: "Troubleshoot network issues with registry".</summary>
    public const string TroubleshootAccess = "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access";

    /// <summary>
    /// The pages the seed article sends a reader to for each cause: a finding links the one that explains its fix, not the
    /// article itself (which the report already is).
    /// </summary>
    public static class Pages
    {
        private const string Acr = "https://learn.microsoft.com/azure/container-registry/";
        public const string HealthErrorReference = Acr + "container-registry-health-error-reference";
        public const string FirewallAccessRules = Acr + "container-registry-firewall-access-rules";
        public const string DedicatedDataEndpoints = Acr + "container-registry-dedicated-data-endpoints";
        public const string GeoReplication = Acr + "container-registry-geo-replication";
        public const string SelectedNetworks = Acr + "container-registry-access-selected-networks";
        public const string PrivateLink = Acr + "container-registry-private-link";
        public const string ServiceEndpoints = Acr + "container-registry-vnet";
        public const string TrustedServices = Acr + "allow-access-trusted-services";
        public const string LoginEvents = Acr + "monitor-service";
        public const string AksEgress = "https://learn.microsoft.com/azure/aks/outbound-rules-control-egress";
        /// <summary>Docker's own page on its daemon's proxy: the one link the article makes outside Learn.</summary>
        public const string DockerDaemonProxy = "https://docs.docker.com/engine/daemon/proxy/";
    }

    public static RuleDescriptor Create(
        string id, RuleArea area, Severity severity, string title, string cause, string[] solution, string docLink,
        string[] symptoms, string[]? explains = null)
    {
        if (!IdPattern().IsMatch(id)) throw new ArgumentException($"Rule id '{id}' must look like 'area.kebab-name'.", nameof(id));
        if (!id.StartsWith(area.IdPrefix() + ".", StringComparison.Ordinal))
            throw new ArgumentException($"Rule id '{id}' must start with its area '{area.IdPrefix()}.'.", nameof(id));
        if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(cause) || solution.Length == 0)
            throw new ArgumentException($"Rule '{id}' needs a title, a cause and at least one solution step.");
        var link = new Uri(docLink);
        if (link.Host != "learn.microsoft.com" && docLink != Pages.DockerDaemonProxy)
            throw new ArgumentException($"Rule '{id}' must link to learn.microsoft.com.", nameof(docLink));
        return new RuleDescriptor
        {
            Id = id, Area = area, Severity = severity, Title = title, Cause = cause, Solution = solution,
            DocLink = link, Symptoms = symptoms, Explains = explains ?? [],
        };
    }

    [GeneratedRegex("^[a-z]+\\.[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
