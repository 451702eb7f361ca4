using AcrNetCheck.Core.Rules.Logs;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules.Service;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class IpNotAllowedRule : Rule
{
    public new const string Id = "public.ip-not-allowed";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Error,
        title: "The client's public IP is not in the registry's IP rules",
        cause: "The registry allows public access from selected networks only (networkRuleSet.defaultAction Deny), and the public " +
               "address it sees for this client matches none of its IP rules, so it answers 403.",
        solution:
        [
            "Find the address the registry sees (ACR's 403 body names it: \"client with IP '<ip>' is not allowed access\"), or: curl -s https://api.ipify.org",
            "Allow it: az acr network-rule add --name <registry> --ip-address <your-public-ip> (a CIDR range such as 203.0.113.0/24 works too)",
            "Check the rules: az acr network-rule list --name <registry>",
            "Behind a NAT or proxy with several egress addresses, allow each one (or their range)",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks",
        symptoms: [Symptoms.LoginForbidden],
        explains: [DeniedLoginsRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (registry.PublicNetworkAccessDisabled) return RuleResult.NotApplicable($"public network access is Disabled (see {AccessDisabledRule.Id})");
        if (!registry.DefaultActionDeny) return RuleResult.NotApplicable("networkRuleSet.defaultAction is Allow: every public IP may connect");

        var clientIps = DeniedClientIps(evidence);
        var publicIp = evidence.Bundle.Vantage?.PublicIp;
        // The vantage's own public IP matters only on the public path: through a private endpoint, IP rules are not consulted.
        var privatePath = evidence.LoginServerPublicAddresses() is { Count: 0 };
        if (clientIps.Count == 0 && string.IsNullOrEmpty(publicIp))
            return RuleResult.Needs("client public IP (probes.endpoints[].http.deniedClientIp or vantage.publicIp)");
        if (clientIps.Count == 0 && privatePath)
            return RuleResult.NotApplicable($"this client resolves {evidence.LoginServer} to a private endpoint, where IP rules do not apply");
        if (!privatePath && !string.IsNullOrEmpty(publicIp) && clientIps.All(c => c.Ip != publicIp))
            clientIps.Add(new(publicIp, "this client's public IP", new EvidenceRef("vantage", "vantage.publicIp", publicIp)));

        var rules = registry.IpRules;
        var rulesText = rules.Count > 0 ? FindingText.List(rules.Select(r => r.Value)) : "none";
        return RuleResult.From(clientIps.Where(c => rules.RuleAllowing(c.Ip) is null).Select(c =>
        {
            var notCovered = $"Client IP {FindingText.Address(c.Ip)} ({c.Seen}) is not covered by the registry's IP rules ({rulesText}), and networkRuleSet.defaultAction is Deny.";
            var rulesRef = new EvidenceRef(registry.Id, "properties.networkRuleSet.ipRules[].value", rulesText, c.Ip);
            // An address in Azure's ranges is not simply allowed: ACR's own are let in by the service settings, others only once known to be the user's.
            if (evidence.AzureCaller(c.Ip) is { } azure)
                return new Finding
                {
                    Subject = c.Ip,
                    Message = notCovered + (azure.IsAzureService
                        ? $" It is {azure.Description}. {AzureCallerAdvice.NoIpRule}"
                        : $" {AzureCallerAdvice.HostedAddressNote(azure, c.Ip)}."),
                    Evidence = [c.Evidence, rulesRef, new EvidenceRef("serviceTags", $"serviceTags.tags[{azure.Tag}]", c.Ip)],
                    Fix = azure.IsAzureService ? AzureCallerAdvice.ServiceFix(evidence, azure) : AzureCallerAdvice.HostedAddressFix(c.Ip),
                    FixReplacesSolution = true,
                };
            return new Finding
            {
                Subject = c.Ip,
                Message = notCovered +
                          (AddressClassifier.IsPrivate(c.Ip) ? " A private client address means the request came through a VNet service endpoint: IP rules take only public addresses." : ""),
                Evidence = [c.Evidence, rulesRef],
                Fix = [AddressClassifier.IsPrivate(c.Ip)
                    ? Shell.Command($"az acr network-rule add --name <registry> --subnet {evidence.Bundle.Vantage?.SubnetId ?? "<subnet-id>"}")
                    : Shell.Command($"az acr network-rule add --name <registry> --ip-address {c.Ip}")],
            };
        }));
    }

    private sealed record ClientIp(string Ip, string Seen, EvidenceRef Evidence);

    /// <summary>Addresses ACR itself named in a 403 body: the most direct evidence of what it sees.</summary>
    private static List<ClientIp> DeniedClientIps(EvidenceView evidence)
    {
        var ips = new List<ClientIp>();
        foreach (var probe in evidence.Bundle.Probes?.Endpoints ?? [])
            if (probe.Http?.DeniedClientIp is { Length: > 0 } denied && ips.All(c => c.Ip != denied))
                ips.Add(new(denied, $"ACR answered {probe.Host} with 403 naming it",
                    new EvidenceRef(probe.Host, $"probes.endpoints[host={probe.Host}].http.deniedClientIp", denied)));
        return ips;
    }
}
