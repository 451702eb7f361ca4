using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;

namespace AcrNetCheck.Core.Rules.Vnet;

/// <summary>What the two effective-route rules share: the route hops that name them, one finding per route, pointing at the effective route table.</summary>
internal static class EffectiveRouteFacts
{
    public static RuleResult Evaluate(EvidenceView evidence, string ruleId, Func<IntendedTarget, RouteStep, string, Finding> toFinding) =>
        SourceSubnets.EvaluateEach(evidence, subnetId =>
        {
            if (evidence.Bundle.Vantage?.NetworkInterfaceId is not { } nicId)
                return RuleResult.NotApplicable(evidence.Bundle.Vantage?.ScaleSetNetworkInterfaceIds is { Count: > 0 }
                    ? "effective routes are not available for scale-set instances through ARM, so none were read (the route hop is predicted from configuration)"
                    : "no client NIC named (--from <vm | nic>), so no effective routes were read");
            var path = ArmPaths.EffectiveRouteTable(nicId);
            if (evidence.RawResource(path) is null) return RuleResult.Skip(evidence.MissingReason(path, $"arm.resources[{path}]"));
            if (IntendedHops.Routes(evidence, subnetId, out var skip) is not { } judged) return skip!;
            return RuleResult.From(judged.Naming(ruleId, hop => (hop.RouteName, hop.AddressPrefix, hop.NextHopType)).Select(v => toFinding(v.Target, v.Hop, nicId)));
        });

    public static EvidenceRef Pointer(RouteStep hop) => hop.Evidence.Count > 0 ? hop.Evidence[0] : new EvidenceRef("effectiveRouteTable", "value", hop.NextHopType);

    public static string ShowCommand(string nicId) => Shell.Command($"az network nic show-effective-route-table --ids {nicId} -o table");
}
