using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class GeoReplicaNotCoveredRule : Rule
{
    public new const string Id = "vnet.geo-replica-not-covered";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A private endpoint has no address for a replica's data endpoint",
        cause: "Each region of a geo-replicated registry has its own data endpoint (<registry>.<region>.data.azurecr.io), and each private " +
               "endpoint needs an address for it. This endpoint has none for a region, so pulls redirected to that region's data endpoint " +
               "leave the private network or fail to resolve.",
        solution:
        [
            "List what the endpoint covers: az network private-endpoint show -g <pe-resource-group> -n <pe> --query customDnsConfigs -o table",
            "Check the replica is Ready: az acr replication list --registry <registry> -o table; a replica whose creation failed (for example on a " +
                "full private endpoint subnet) leaves the endpoint without its address: delete and re-create the replica",
            "If the replica is Ready but the endpoint still lacks its data endpoint, re-create the private endpoint, then refresh its DNS records " +
                "through its zone group: az network private-endpoint dns-zone-group create --endpoint-name <pe> --name default " +
                "--private-dns-zone privatelink.azurecr.io --zone-name registry -g <pe-resource-group>",
        ],
        docLink: Descriptors.Pages.GeoReplication,
        symptoms:
        [
            Symptoms.NoSuchHost,
            Symptoms.ClientTimeout,
        ],
        // Without a private address for the replica there is nothing to put in its A record: the missing record follows.
        explains: [PrivateDnsRecordMissingRule.Id, DnsUnresolvableRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is null) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var replicationsKey = ArmPaths.Replications(evidence.Registry.Id);
        if (evidence.Replications is null) return RuleResult.Skip(evidence.MissingReason(replicationsKey, PrivateDnsFacts.ListPath(replicationsKey)));
        if (!evidence.IsGeoReplicated) return RuleResult.NotApplicable("the registry has no geo-replica");
        if (PrivateDnsFacts.RequireApprovedPrivateEndpoint(evidence) is { } unavailable) return unavailable;

        var missing = new List<SkipReason>();
        var uncovered = new List<(string Host, string Region, PrivateEndpointView Endpoint)>();
        foreach (var peId in PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence))
        {
            var pe = evidence.Resource<PrivateEndpointView>(peId);
            var addresses = pe is null ? null : evidence.PrivateEndpointAddressesOf(pe);
            if (pe is null || addresses!.Count == 0)
            {
                var unread = pe?.NetworkInterfaceIds.FirstOrDefault() ?? peId;
                missing.Add(evidence.MissingReason(unread, PrivateDnsFacts.ResourcePath(unread)));
                continue;
            }
            foreach (var region in evidence.Regions)
            {
                var host = RegistryEndpoints.DataEndpointHost(evidence, region);
                if (!addresses.ContainsKey(host)) uncovered.Add((host, region, pe));
            }
        }

        var findings = uncovered.GroupBy(u => u.Host, StringComparer.OrdinalIgnoreCase).Select(g => new Finding
        {
            Subject = g.Key,
            Message = $"{g.Key} ({RegionRole(evidence, g.First().Region)}) has no address on private endpoint {FindingText.List(g.Select(u => u.Endpoint.Name))}: " +
                      $"clients of {(g.Count() == 1 ? "that endpoint" : "those endpoints")} cannot pull layers served from {g.First().Region} privately.",
            Evidence = g.Select(u => new EvidenceRef(u.Endpoint.Id, "properties.customDnsConfigs[*].fqdn",
                FindingText.List(evidence.PrivateEndpointAddressesOf(u.Endpoint).Keys), g.Key)).ToList(),
            Fix = g.Select(u => Shell.Command($"az network private-endpoint show -g {new ResourceId(u.Endpoint.Id).ResourceGroup} -n {u.Endpoint.Name} --query customDnsConfigs -o table"))
                .Append(Shell.Command($"az acr replication show --registry <registry> --name {ReplicationName(evidence, g.First().Region)} --query status")).ToList(),
        }).ToList();
        return PrivateDnsFacts.Conclude(findings, missing);
    }

    private static string RegionRole(EvidenceView evidence, string region) =>
        string.Equals(RegistryEndpoints.NormalizeRegion(evidence.Registry?.Location), region, StringComparison.OrdinalIgnoreCase)
            ? "home region " + region
            : "replica " + region;

    private static string ReplicationName(EvidenceView evidence, string region) =>
        evidence.Replications?.FirstOrDefault(r => RegistryEndpoints.NormalizeRegion(r.Location) == region)?.Name ?? region;
}
