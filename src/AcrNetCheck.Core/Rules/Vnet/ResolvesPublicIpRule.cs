using AcrNetCheck.Core.Rules.Public;
using AcrNetCheck.Core.Rules.Client;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class ResolvesPublicIpRule : Rule
{
    public new const string Id = "vnet.resolves-public-ip";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "The client does not resolve the registry to its private endpoint",
        cause: "The registry has an approved private endpoint, but the client's DNS answers a registry endpoint with another address (the " +
               "public one, another private one, or a hosts-file entry): its traffic bypasses the private endpoint and meets the registry's " +
               "public network rules or the client's firewall instead.",
        solution:
        [
            "Resolve from the failing client: nslookup <login-server>; a private endpoint answers through the CNAME <registry>.privatelink.azurecr.io",
            "On an Azure virtual network using Azure DNS, link privatelink.azurecr.io to it: az network private-dns link vnet create -g <zone-resource-group> " +
                "--zone-name privatelink.azurecr.io --name <link-name> --virtual-network <vnet-id> --registration-enabled false",
            "With custom DNS servers or on-premises DNS, forward privatelink.azurecr.io to Azure DNS (168.63.129.16) or a DNS private resolver " +
                "in a linked virtual network",
            "Remove hosts-file entries for the registry's names (/etc/hosts, C:\\Windows\\System32\\drivers\\etc\\hosts)",
        ],
        docLink: Descriptors.Pages.PrivateLink,
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.ClientTimeout,
            Symptoms.HostNotReachable,
        ],
        explains: [AccessDisabledRule.Id, IpNotAllowedRule.Id, TcpBlockedRule.Id, DataEndpointBlockedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var probes = evidence.Bundle.Probes;
        if (probes is null || probes.Endpoints.Count == 0) return RuleResult.Needs("probes.endpoints[].dns");
        if (PrivateDnsFacts.RequireApprovedPrivateEndpoint(evidence) is { } unavailable) return unavailable;
        // A client outside any VNet legitimately takes the public path to a registry that still accepts public traffic.
        if (evidence.Registry is { PublicNetworkAccessDisabled: false } && evidence.Bundle.Vantage?.SubnetId is null)
            return RuleResult.NotApplicable("public access is enabled and the vantage is not in a VNet, so the public path is expected");
        if (evidence.PrivateEndpointAddresses.Count == 0)
        {
            var peId = PrivateDnsFacts.ApprovedPrivateEndpointIds(evidence)[0];
            return RuleResult.Skip(evidence.MissingReason(peId, PrivateDnsFacts.ResourcePath(peId)));
        }

        var findings = new List<Finding>();
        var judged = 0;
        foreach (var probe in probes.Endpoints)
        {
            // Names the private endpoint gives no address (a replica it does not cover) are vnet.geo-replica-not-covered's.
            var expected = evidence.ExpectedPrivateAddresses(probe.Host);
            var lookup = probe.PrimaryLookup();
            if (expected.Count == 0 || lookup is null) continue;
            judged++;
            var elsewhere = probe.ResolvedAddresses().Where(a => !expected.Contains(a)).ToList();
            if (elsewhere.Count == 0) continue;

            findings.Add(new Finding
            {
                Subject = probe.Host,
                Message = $"{probe.Host} resolves to {FindingText.Addresses(elsewhere)}, expected the private endpoint's {FindingText.List(expected)}" +
                          $" ({lookup.Source} resolver).{ChainText(evidence, probe, elsewhere)}" +
                          HostsFileHint(probe, elsewhere, expected),
                Evidence = [new EvidenceRef(probe.Host, $"probes.endpoints[host={probe.Host}].dns[source={lookup.Source}].addresses",
                    FindingText.List(elsewhere), FindingText.List(expected))],
                Fix = FixFor(evidence, probe, elsewhere, expected),
            });
        }
        return judged == 0 ? RuleResult.Needs($"probes.endpoints[host={evidence.LoginServer}].dns") : RuleResult.From(findings);
    }

    /// <summary>
    /// Where the answer came from: public DNS answers a registry that has a private endpoint with a CNAME to
    /// <c>&lt;name&gt;.privatelink.azurecr.io</c>, so a chain through it that still ends public means no zone answered privately.
    /// </summary>
    private static string ChainText(EvidenceView evidence, EndpointProbe probe, IReadOnlyList<string> elsewhere)
    {
        if (probe.Dns.FirstOrDefault(d => d.CnameChain.Count > 0) is not { } traced) return "";
        var alias = PrivateDnsFacts.PrivateLinkAlias(evidence, probe.Host);
        var chain = string.Join(" → ", traced.CnameChain);
        if (!traced.CnameChain.Any(n => n.TrimEnd('.').Equals(alias, StringComparison.OrdinalIgnoreCase)))
            return $" The CNAME chain {chain} does not go through {alias}.";
        return elsewhere.All(a => AddressClassifier.Classify(a) == AddressClass.Public)
            ? $" The CNAME chain {chain} goes through {alias}, but public DNS answered it: the resolver has no {PrivateDnsFacts.ZoneName(evidence)} zone."
            : PrivateDnsFacts.RegistryZoneIds(evidence).Items.Count > 0 || PrivateDnsFacts.ZoneGroupsNotRead(evidence).Count > 0
                ? $" The CNAME chain {chain} goes through {alias}, whose private zone holds another address."
                : $" The CNAME chain {chain} goes through {alias}, answered by a zone the registry's private endpoints do not name (they have no DNS zone group).";
    }

    /// <summary>
    /// Why a hosts-file entry is the likely source, or null: the system resolver (which honours the hosts file) answers loopback,
    /// or answers otherwise than a DNS query made directly.
    /// </summary>
    private static string? HostsFileHint(EndpointProbe probe, IReadOnlyList<string> elsewhere, IReadOnlyList<string> expected)
    {
        // An answer a DNS server gave too did not come from the hosts file, loopback or not.
        var fromDns = probe.Dns.Where(d => d.Source != "system").SelectMany(d => d.Addresses).ToHashSet();
        if (elsewhere.Any(a => AddressClassifier.Classify(a) == AddressClass.Loopback && !fromDns.Contains(a))) return " A loopback answer comes from a hosts-file entry.";
        return probe.Dns.FirstOrDefault(d => d.Source != "system" && d.Status == DnsStatus.Resolved && d.Addresses.Count > 0 && d.Addresses.All(expected.Contains)) is { } direct
            ? $" The {direct.Source} lookup answers the private endpoint's address: a hosts-file entry overrides DNS on this client."
            : null;
    }

    private static IReadOnlyList<string> FixFor(EvidenceView evidence, EndpointProbe probe, IReadOnlyList<string> elsewhere, IReadOnlyList<string> expected) =>
        HostsFileHint(probe, elsewhere, expected) is not null
            ? [Shell.Command($"Remove the hosts-file entry for {probe.Host} on the client (grep -i {probe.Host} /etc/hosts)")]
            : [Shell.Command($"nslookup {PrivateDnsFacts.PrivateLinkAlias(evidence, probe.Host)} (from the client: it must answer {FindingText.List(expected)})")];
}
