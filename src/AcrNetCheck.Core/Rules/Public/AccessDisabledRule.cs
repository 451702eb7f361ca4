using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Public;

public sealed class AccessDisabledRule : Rule
{
    public new const string Id = "public.access-disabled";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Public,
        severity: Severity.Error,
        title: "Public network access is disabled and the client comes the public way",
        cause: "The registry's publicNetworkAccess is Disabled, so its public endpoint refuses every client; only an approved private " +
               "endpoint, reached through DNS that resolves the registry to its private address, leads in.",
        solution:
        [
            "Reach the registry through its private endpoint from inside the VNet (or a peered/connected network), with DNS resolving <login-server> to the private endpoint (privatelink.azurecr.io)",
            "Check what the client resolves: nslookup <login-server> (expect a CNAME to <registry>.privatelink.azurecr.io and a private address)",
            "Or allow public access from selected networks only: az acr update --name <registry> --public-network-enabled true --default-action Deny",
            "Then allow the client's public IP: az acr network-rule add --name <registry> --ip-address <your-public-ip>",
        ],
        docLink: Descriptors.Anchors.PublicAccess,
        symptoms:
        [
            Symptoms.LoginForbidden,
            Symptoms.CouldNotConnect,
        ],
        explains: [IpNotAllowedRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        if (!registry.PublicNetworkAccessDisabled) return RuleResult.NotApplicable("public network access is Enabled");

        if (evidence.ApprovedConnections.Count == 0)
        {
            var states = registry.PrivateEndpointConnections.Select(c => c.Status).ToList();
            return RuleResult.Fail(new Finding
            {
                Subject = registry.Id,
                Message = $"Public network access is Disabled and {registry.Name} has no approved private endpoint connection" +
                          (states.Count > 0 ? $" (only {FindingText.List(states)})" : "") + ": no client can reach it.",
                Evidence =
                [
                    registry.PublicNetworkAccessEvidence(),
                    new EvidenceRef(registry.Id, "properties.privateEndpointConnections[].properties.privateLinkServiceConnectionState.status",
                        states.Count > 0 ? FindingText.List(states) : "none", "Approved"),
                ],
                Fix =
                [
                    "az acr update --name <registry> --public-network-enabled true --default-action Deny",
                    $"az acr network-rule add --name <registry> --ip-address {evidence.Bundle.Vantage?.PublicIp ?? "<your-public-ip>"}",
                ],
            });
        }

        if (evidence.LoginServerPublicAddresses() is not { } publicAddresses) return RuleResult.Needs("probes.endpoints[].dns");
        var login = evidence.LoginServerProbe!;
        if (publicAddresses.Count == 0) return RuleResult.Pass();

        var expected = evidence.ExpectedPrivateAddresses(login.Host);
        return RuleResult.Fail(new Finding
        {
            Subject = login.Host,
            Message = $"{login.Host} resolves to {FindingText.Addresses(login.ResolvedAddresses())} from this client, so it goes to the disabled public endpoint" +
                      (expected.Count > 0 ? $"; expected the private endpoint's {FindingText.List(expected)}." : "; expected a private endpoint address."),
            Evidence =
            [
                new EvidenceRef(login.Host, login.LoginServerDnsPath(), FindingText.List(login.ResolvedAddresses()),
                    expected.Count > 0 ? FindingText.List(expected) : "a private address"),
                registry.PublicNetworkAccessEvidence(),
            ],
            Fix = [$"nslookup {login.Host} should answer {(expected.Count > 0 ? FindingText.List(expected) : "the private endpoint's address")}: point the client's DNS at a resolver that answers privatelink.azurecr.io (the VNet's Azure DNS 168.63.129.16 with the zone linked, or a forwarder to it)"],
        });
    }
}
