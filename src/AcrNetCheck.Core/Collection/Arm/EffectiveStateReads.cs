using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// What Azure actually applies to the client's NIC, beside the configuration the graph walk reads: its effective routes
/// (system, user, BGP- and gateway-learned, each Active or Invalid) and its effective security rules (every NSG association,
/// default rules included). Both are long-running POSTs that run side by side with the subnet reads, within the run's one
/// timeout; their results go into the bundle under the action's path (<see cref="ArmPaths.EffectiveRouteTable"/>).
/// </summary>
internal static class EffectiveStateReads
{
    public static Task RunAsync(ArmReads reads, string nicId, int depth) => Task.WhenAll(
        reads.Post("effectiveRouteTable", ArmPaths.EffectiveRouteTable(nicId), depth),
        reads.Post("effectiveNetworkSecurityGroups", ArmPaths.EffectiveNetworkSecurityGroups(nicId), depth));
}
