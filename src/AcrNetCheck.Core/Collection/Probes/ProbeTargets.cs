using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes;

/// <summary>
/// Which names to probe: the login server and every data (and regional) endpoint the registry's ARM evidence names
/// when the bundle has it, plus those the user named with --data-endpoint. The storage wildcard
/// (*.blob.core.windows.net) is not a name anyone can resolve, so it is left out.
/// </summary>
internal static class ProbeTargets
{
    public static IReadOnlyList<RegistryEndpoint> For(EvidenceView evidence, IEnumerable<string> extraDataEndpoints)
    {
        var targets = new List<RegistryEndpoint>();
        void Add(RegistryEndpoint endpoint)
        {
            if (!endpoint.Host.Contains('*') && targets.All(t => !t.Host.Equals(endpoint.Host, StringComparison.OrdinalIgnoreCase)))
                targets.Add(endpoint);
        }

        if (evidence.Registry is not null)
            foreach (var endpoint in RegistryEndpoints.For(evidence)) Add(endpoint);
        else if (evidence.LoginServer is { } login)
            Add(new RegistryEndpoint(login, EndpointPurpose.LoginServer, null));

        foreach (var host in extraDataEndpoints)
            Add(new RegistryEndpoint(host.Trim().TrimEnd('.').ToLowerInvariant(), EndpointPurpose.DataEndpoint, RegistryEndpoints.RegionOfDataEndpoint(host)));
        return targets;
    }
}
