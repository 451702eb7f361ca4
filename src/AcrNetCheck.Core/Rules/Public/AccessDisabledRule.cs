using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Rules.Public;

internal sealed class AccessDisabledRule : Rule
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
        docLink: Descriptors.Pages.SelectedNetworks,
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
                // A private endpoint the client should use is fixed by approving or re-creating it, never by opening the public side.
                FixReplacesSolution = states.Count > 0,
                Fix = states.Count > 0
                    ? [$"Approve the pending private endpoint connection, or re-create a rejected one (see {Vnet.PrivateEndpointNotApprovedRule.Id}); public access stays disabled"]
                    :
                    [
                        "az acr update --name <registry> --public-network-enabled true --default-action Deny",
                        Shell.Command($"az acr network-rule add --name <registry> --ip-address {evidence.Bundle.Vantage?.PublicIp ?? "<your-public-ip>"}"),
                    ],
            });
        }

        // The source subnets' paths: the access hop decides whether their traffic arrives the public way.
        var fromPaths = PathFindings(evidence);
        if (evidence.LoginServerPublicAddresses() is not { } publicAddresses)
            return fromPaths.Count > 0 ? RuleResult.From(fromPaths) : RuleResult.Needs("probes.endpoints[].dns");
        var login = evidence.LoginServerProbe!;
        if (publicAddresses.Count == 0) return RuleResult.From(fromPaths);

        var expected = evidence.ExpectedPrivateAddresses(login.Host);
        return RuleResult.From(fromPaths.Prepend(new Finding
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
            FixReplacesSolution = true,
            Fix = [Shell.Command($"nslookup {login.Host} should answer {(expected.Count > 0 ? FindingText.List(expected) : "the private endpoint's address")}: point the client's DNS at a resolver that answers privatelink.azurecr.io (the VNet's Azure DNS 168.63.129.16 with the zone linked, or a forwarder to it)")],
        }));
    }

    /// <summary>One finding per group of source subnets whose access hop is refused by the disabled public endpoint.</summary>
    private static IReadOnlyList<Finding> PathFindings(EvidenceView evidence) =>
        PathAnalyzer.StepsNaming(evidence, Id)
            .Where(x => x.Step.Status == StepStatus.Blocked)
            .GroupBy(x => string.Join(",", x.Path.SourceSubnetIds))
            .Select(g => new Finding
            {
                Subject = g.First().Path.SourceSubnetIds[0],
                Message = $"From {FindingText.List(g.First().Path.Sources)}, {FindingText.List(g.Select(x => x.Path.Destination).Distinct())} " +
                          $"{(g.Select(x => x.Path.Destination).Distinct().Count() == 1 ? "is" : "are")} reached the public way, which public network access Disabled refuses: " +
                          g.First().Step.Detail,
                Evidence = g.First().Step.Evidence,
                FixReplacesSolution = evidence.ApprovedConnections.Count > 0,
                Fix = [$"From {FindingText.List(g.First().Path.Sources)}, reach the registry through its private endpoint: make its names resolve to the private endpoint's addresses there (see the DNS step of these paths)"],
            })
            .ToList();
}
