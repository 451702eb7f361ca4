using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>A destination of registry traffic, with the registry names it serves (or what the public side stands for).</summary>
internal sealed record IntendedTarget(PathTarget Target, string Serves);

/// <summary>
/// Where a client subnet's registry traffic goes when DNS works as intended: each approved private endpoint address, else the
/// registry's public side, stood for by the first address of <c>AzureContainerRegistry.&lt;region&gt;</c>. Rules that map the NSG
/// and route hops weigh these, whatever DNS answers today, so a hop that would block the intended path is named too.
/// </summary>
internal static class IntendedTargets
{
    /// <summary>The targets, or null with <paramref name="missing"/> when an approved private endpoint was not read.</summary>
    public static IReadOnlyList<IntendedTarget>? For(EvidenceView evidence, out SkipReason? missing)
    {
        missing = null;
        if (evidence.PrivateEndpointAddresses.Count > 0)
            return evidence.PrivateEndpointAddresses
                .SelectMany(kv => kv.Value.Select(ip => (Ip: ip, Fqdn: kv.Key)))
                .GroupBy(x => x.Ip)
                .Select(g => new IntendedTarget(PathTarget.Private(g.Key), FindingText.List(g.Select(x => x.Fqdn))))
                .ToList();
        if (evidence.ApprovedConnections.FirstOrDefault()?.PrivateEndpointId is { } unread)
        {
            missing = evidence.MissingReason(unread, $"arm.resources[{unread}]");
            return null;
        }
        var login = evidence.Endpoints.FirstOrDefault(e => e.Purpose == EndpointPurpose.LoginServer)
                    ?? new RegistryEndpoint(evidence.LoginServer ?? evidence.RegistryName, EndpointPurpose.LoginServer, evidence.Regions.FirstOrDefault());
        var target = PathTarget.Public(evidence, login);
        return [new IntendedTarget(target, $"the public endpoints of {evidence.Registry?.LoginServer ?? evidence.RegistryName} ({target.Tag})")];
    }
}
