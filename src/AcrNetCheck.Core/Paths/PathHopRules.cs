using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Vnet;

namespace AcrNetCheck.Core.Paths;

/// <summary>
/// The causes each hop decides. A rule listed here maps that hop's verdicts to findings for the source subnets, so a path's
/// <c>ruleId</c> and the report's findings come from one decision.
/// </summary>
internal static class PathHopRules
{
    public static IReadOnlyList<string> Dns { get; } =
    [
        PrivateDnsZoneMissingRule.Id, PrivateDnsZoneNotLinkedRule.Id, PrivateDnsRecordMissingRule.Id, PrivateDnsRecordMismatchRule.Id,
        PrivateDnsZoneShadowedRule.Id, GeoReplicaNotCoveredRule.Id,
    ];

    public static IReadOnlyList<string> Nsg { get; } = [NsgDeniesOutboundRule.Id];

    public static IReadOnlyList<string> Route { get; } = [EgressViaFirewallRule.Id, RouteDropsRegistryTrafficRule.Id, PrivateEndpointVnetNotPeeredRule.Id];

    public static IReadOnlyList<string> Access { get; } =
    [
        AccessDisabledRule.Id, ServiceEndpointDisabledByPublicAccessRule.Id, ServiceEndpointRuleMissingRule.Id,
        SubnetMissingServiceEndpointRule.Id, ProviderNotRegisteredRule.Id, IpNotAllowedRule.Id,
    ];

    public static IReadOnlySet<string> Ids { get; } = Dns.Concat(Nsg).Concat(Route).Concat(Access).ToHashSet(StringComparer.Ordinal);
}
