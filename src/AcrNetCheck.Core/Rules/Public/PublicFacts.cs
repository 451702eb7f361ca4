using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Public;

/// <summary>Which way this client reaches the registry, as the public-access rules need to know it.</summary>
internal static class PublicFacts
{
    /// <summary>
    /// The addresses the client resolved the login server to that are not private, i.e. the public endpoint's; empty when every
    /// address is private (the private endpoint path); null when the login server was not probed or did not resolve.
    /// </summary>
    public static IReadOnlyList<string>? LoginServerPublicAddresses(this EvidenceView evidence) =>
        evidence.LoginServerProbe is { } probe && probe.Resolved()
            ? probe.ResolvedAddresses().Where(ip => !AddressClassifier.IsPrivate(ip)).ToList()
            : null;

    public static string LoginServerDnsPath(this EndpointProbe probe) =>
        $"probes.endpoints[host={probe.Host}].dns[source={probe.PrimaryLookup()?.Source}].addresses";

    public static EvidenceRef PublicNetworkAccessEvidence(this RegistryView registry) =>
        new(registry.Id, "properties.publicNetworkAccess", registry.PublicNetworkAccess, "Enabled");
}
