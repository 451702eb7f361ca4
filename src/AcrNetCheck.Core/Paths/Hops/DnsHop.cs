using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Rules.Vnet;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// Predicts what a client in a subnet gets when it resolves a registry endpoint, from configuration: which DNS its VNet uses,
/// whether the registry's privatelink zone is linked where that DNS resolves, and what record the zone holds.
/// </summary>
internal static class DnsHop
{
    public static DnsStep Evaluate(EvidenceView evidence, SubnetView subnet, RegistryEndpoint endpoint) =>
        Evaluate(evidence, DnsResolution.Of(evidence, subnet), endpoint);

    /// <summary>The answer a client gets where <paramref name="resolution"/> says its names are resolved.</summary>
    public static DnsStep Evaluate(EvidenceView evidence, DnsResolution.Resolution resolution, RegistryEndpoint endpoint)
    {
        DnsStep Step(StepStatus status, string answer, string label, string detail, string? address = null, string? ruleId = null, string? zoneId = null, SkipReason? needs = null, IReadOnlyList<EvidenceRef>? evidenceRefs = null) => new()
        {
            Step = PathStep.Dns, Status = status, Answer = answer, Address = address, Label = label, Detail = detail, RuleId = ruleId,
            Resolver = resolution.Resolver, DnsServers = resolution.Servers, ResolvingVirtualNetworkId = resolution.VnetId, ZoneId = zoneId,
            Assumptions = answer == DnsAnswer.Private ? resolution.Assumptions : [], Needs = needs,
            BypassesPrivateEndpoint = answer is DnsAnswer.Public or DnsAnswer.NxDomain && HasPrivateEndpoint(evidence),
            Evidence = [.. resolution.Evidence, .. evidenceRefs ?? []],
            Host = endpoint.Host,
        };

        if (evidence.Registry is null)
            return Step(StepStatus.Unknown, DnsAnswer.Unknown, "DNS unknown", "The registry was not read, so whether it has a private endpoint is unknown.",
                needs: evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (endpoint.Purpose == EndpointPurpose.Storage || !HasPrivateEndpoint(evidence))
            return Step(StepStatus.Ok, DnsAnswer.Public, "DNS public",
                $"{endpoint.Host} has no private endpoint address: it resolves to its public addresses, as intended.");

        var expected = evidence.ExpectedPrivateAddresses(endpoint.Host);
        var zones = PrivateDnsFacts.RegistryZoneIds(evidence);
        if (zones.Items.Count == 0 && zones.MissingReasons.Count > 0)
            return Step(StepStatus.Unknown, DnsAnswer.Unknown, "DNS unknown", "The private endpoints' DNS zone groups were not read.", expected.FirstOrDefault(), needs: zones.MissingReasons[0]);
        // Zones kept by hand (no zone group) answer as well as any: Azure DNS looks at the zone's name and links, not at who writes its records.
        var registryZones = zones.Items.Concat(PrivateDnsFacts.HandManagedZoneIds(evidence).Where(z => !zones.Items.Contains(z, ResourceId.Comparer))).ToList();
        if (registryZones.Count == 0)
            return Step(StepStatus.Warning, DnsAnswer.Public, "DNS public (no privatelink zone)",
                $"No private endpoint's DNS zone group names a {PrivateDnsFacts.ZoneName(evidence)} zone, and none of that name was found: {PrivateDnsFacts.PrivateLinkAlias(evidence, endpoint.Host)} resolves through public DNS to the public addresses.",
                ruleId: PrivateDnsZoneMissingRule.Id);
        if (resolution.VnetId is null)
            return Step(StepStatus.Unknown, DnsAnswer.Unknown, resolution.Servers.Count > 0 ? $"DNS via custom {resolution.Servers[0]} (unverified)" : "DNS unknown",
                resolution.Servers.Count > 0
                    ? $"The VNet uses custom DNS servers {FindingText.List(resolution.Servers)} outside any VNet in the evidence: they answer {endpoint.Host} privately only if they forward {PrivateDnsFacts.ZoneName(evidence)} to Azure DNS ({DnsResolution.AzureDns}) from a VNet linked to the zone, or hold a conditional forwarder to a DNS private resolver there; ARM cannot show it."
                    : "The client subnet's VNet was not read.",
                expected.FirstOrDefault(), needs: resolution.Needs);

        // Azure DNS answers from the most specific zone linked where the name is resolved.
        var candidates = PrivateDnsFacts.ShadowingZoneIds(evidence, endpoint.Host).Select(z => (Zone: z, Shadowing: true))
            .Concat(registryZones.Select(z => (Zone: z, Shadowing: false)))
            .Select(c => (c.Zone, c.Shadowing, Links: evidence.ListOf<VirtualNetworkLinkView>(ArmPaths.VirtualNetworkLinks(c.Zone))))
            .OrderByDescending(c => new ResourceId(c.Zone).Name.Length).ToList();
        var vnetName = new ResourceId(resolution.VnetId).Name;
        foreach (var (zone, shadowing, links) in candidates)
        {
            if (links is null)
                return Step(StepStatus.Unknown, DnsAnswer.Unknown, "DNS unknown", $"The virtual network links of {PrivateDnsFacts.DescribeZone(zone)} were not read.", expected.FirstOrDefault(),
                    needs: evidence.MissingReason(ArmPaths.VirtualNetworkLinks(zone), PrivateDnsFacts.ListPath(ArmPaths.VirtualNetworkLinks(zone))));
            if (links.FirstOrDefault(link => ResourceId.AreEqual(link.VirtualNetworkId, resolution.VnetId)) is { } linked)
                return FromRecord(evidence, endpoint, zone, linked, expected, vnetName, shadowing ? PrivateDnsZoneShadowedRule.Id : null, Step);
        }
        return Step(StepStatus.Warning, DnsAnswer.Public, "DNS public (zone not linked)",
            $"{FindingText.List(registryZones.Select(PrivateDnsFacts.DescribeZone))} is not linked to {vnetName}, where {endpoint.Host} is resolved: " +
            $"{PrivateDnsFacts.PrivateLinkAlias(evidence, endpoint.Host)} resolves through public DNS to the public addresses.",
            ruleId: PrivateDnsZoneNotLinkedRule.Id,
            evidenceRefs: registryZones.Select(z => new EvidenceRef(z, $"{PrivateDnsFacts.ListPath(ArmPaths.VirtualNetworkLinks(z))}[*].properties.virtualNetwork.id",
                LinkedVnetNames(evidence.ListOf<VirtualNetworkLinkView>(ArmPaths.VirtualNetworkLinks(z))!), resolution.VnetId)).ToList());
    }

    private static string LinkedVnetNames(IReadOnlyList<VirtualNetworkLinkView> links) =>
        links.Count == 0 ? "none" : FindingText.List(links.Select(l => new ResourceId(l.VirtualNetworkId ?? l.Id).Name));

    private delegate DnsStep StepFactory(StepStatus status, string answer, string label, string detail, string? address = null, string? ruleId = null,
        string? zoneId = null, SkipReason? needs = null, IReadOnlyList<EvidenceRef>? evidenceRefs = null);

    /// <summary>
    /// The answer the linked zone gives: its A record for the endpoint, else NXDOMAIN (the zone is authoritative for the name),
    /// or the public answer when the link falls back to internet resolution (NxDomainRedirect).
    /// </summary>
    private static DnsStep FromRecord(EvidenceView evidence, RegistryEndpoint endpoint, string zone, VirtualNetworkLinkView link, IReadOnlyList<string> expected,
        string vnetName, string? shadowedRuleId, StepFactory step)
    {
        var recordsKey = ArmPaths.ARecordSets(zone);
        if (evidence.ListOf<ARecordSetView>(recordsKey) is not { } records)
            return step(StepStatus.Unknown, DnsAnswer.Unknown, "DNS unknown", $"The A records of {PrivateDnsFacts.DescribeZone(zone)} were not read.", expected.FirstOrDefault(),
                zoneId: zone, needs: evidence.MissingReason(recordsKey, PrivateDnsFacts.ListPath(recordsKey)));

        var relative = PrivateDnsFacts.RecordNameIn(evidence, zone, endpoint.Host);
        step = WithRecord(step, relative, expected);
        var recordPath = $"{PrivateDnsFacts.ListPath(recordsKey)}[name={relative}]";
        if (PrivateDnsFacts.RecordNamed(records, relative) is not { } record)
        {
            var ruleId = shadowedRuleId ?? (expected.Count == 0 ? GeoReplicaNotCoveredRule.Id : PrivateDnsRecordMissingRule.Id);
            var missingRef = new EvidenceRef(zone, recordPath, "absent", expected.FirstOrDefault() ?? relative);
            var lacks = $"{PrivateDnsFacts.DescribeZone(zone)}, linked to {vnetName}, has no A record '{relative}'";
            if (string.Equals(link.ResolutionPolicy, "NxDomainRedirect", StringComparison.OrdinalIgnoreCase))
                return step(StepStatus.Warning, DnsAnswer.Public, $"DNS public (no record '{relative}')",
                    $"{lacks}; the link falls back to internet resolution, so {endpoint.Host} resolves to its public addresses.", zoneId: zone, ruleId: ruleId, evidenceRefs: [missingRef]);
            return step(StepStatus.Blocked, DnsAnswer.NxDomain, $"DNS NXDOMAIN (no record '{relative}')",
                $"{lacks}: {endpoint.Host} does not resolve there" +
                (expected.Count == 0 ? "; no private endpoint gives it an address either." : $" (the private endpoint gives it {FindingText.List(expected)})."),
                zoneId: zone, ruleId: ruleId, evidenceRefs: [missingRef]);
        }

        var answered = record.Ipv4Addresses;
        var evidenceRef = new EvidenceRef(record.Id, "properties.aRecords[*].ipv4Address", FindingText.List(answered), expected.Count > 0 ? FindingText.List(expected) : null);
        var stale = expected.Count > 0 ? answered.Where(ip => !expected.Contains(ip)).ToList() : [];
        if (stale.Count > 0 && stale.Count == answered.Count)
            return step(StepStatus.Blocked, DnsAnswer.Private, $"DNS private {answered.FirstOrDefault()} (stale, endpoint has {expected[0]})",
                $"{PrivateDnsFacts.DescribeZone(zone)} answers {endpoint.Host} with {FindingText.List(answered)}, but the private endpoint's address is {FindingText.List(expected)}.",
                answered.FirstOrDefault(), PrivateDnsRecordMismatchRule.Id, zone, evidenceRefs: [evidenceRef]) with { Record = record };
        var address = answered.FirstOrDefault(expected.Contains) ?? answered.FirstOrDefault();
        var resolvedIn = step(StepStatus.Ok, DnsAnswer.Private, "", "", address, zoneId: zone) with { Record = record };
        // Azure DNS hands out every address of the set in turn: a client that takes the stale one fails now and then.
        if (stale.Count > 0)
            return resolvedIn with
            {
                Status = StepStatus.Warning, RuleId = PrivateDnsRecordMismatchRule.Id,
                Label = $"DNS private {address} (also stale {stale[0]})",
                Detail = $"{PrivateDnsFacts.DescribeZone(zone)} answers {endpoint.Host} with {FindingText.List(answered)}: {FindingText.List(stale)} is not the private endpoint's address, so clients that pick it cannot connect.",
                Evidence = [.. resolvedIn.Evidence, evidenceRef],
            };
        return resolvedIn with
        {
            Status = resolvedIn.Assumptions.Count > 0 ? StepStatus.Warning : StepStatus.Ok,
            Label = $"DNS private {address}",
            Detail = $"{PrivateDnsFacts.DescribeZone(zone)} is linked to {vnetName} and answers {endpoint.Host} with the private endpoint's {address}.",
            Evidence = [.. resolvedIn.Evidence, evidenceRef],
        };
    }

    /// <summary>The step factory, with what the zone should hold for the endpoint noted on every step it makes.</summary>
    private static StepFactory WithRecord(StepFactory step, string recordName, IReadOnlyList<string> expected) =>
        (status, answer, label, detail, address, ruleId, zoneId, needs, evidenceRefs) =>
            step(status, answer, label, detail, address, ruleId, zoneId, needs, evidenceRefs) with { RecordName = recordName, ExpectedAddresses = expected };

    private static bool HasPrivateEndpoint(EvidenceView evidence) => PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence).Count > 0;
}

internal static class DnsAnswer
{
    public const string Private = "private", Public = "public", NxDomain = "nxdomain", Unknown = "unknown";
}
