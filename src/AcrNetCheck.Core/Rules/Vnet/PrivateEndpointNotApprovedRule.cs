using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Rules.Vnet;

internal sealed class PrivateEndpointNotApprovedRule : Rule
{
    public new const string Id = "vnet.private-endpoint-not-approved";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Vnet,
        severity: Severity.Error,
        title: "A private endpoint connection is not approved",
        cause: "The registry's private endpoint connection is Pending, Rejected or Disconnected, so the endpoint carries no traffic: " +
               "clients that resolve the registry to it cannot connect.",
        solution:
        [
            "List the connections: az acr private-endpoint-connection list --registry-name <registry> -o table",
            "Approve a pending one: az acr private-endpoint-connection approve --registry-name <registry> --name <connection-name>",
            "A Rejected or Disconnected connection cannot be approved again: delete the private endpoint and create it anew",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-private-link",
        symptoms: [Symptoms.HostNotReachable, Symptoms.ClientTimeout],
        // With public access off, the unapproved endpoint is why nothing gets in: enabling public access is not the fix.
        explains: [Public.AccessDisabledRule.Id]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Registry is not { } registry) return RuleResult.Skip(evidence.MissingReason(evidence.RegistryId, "arm.registry"));
        var connections = registry.PrivateEndpointConnections;
        if (connections.Count == 0) return RuleResult.NotApplicable("no private endpoint connections");

        return RuleResult.From(connections
            .Select((c, i) => (c, i))
            .Where(x => !x.c.IsApproved)
            .Select(x => new Finding
            {
                Subject = x.c.PrivateEndpointId ?? x.c.Id,
                Message = $"Private endpoint {new ResourceId(x.c.PrivateEndpointId ?? x.c.Id).Name} is {x.c.Status}" +
                          (string.IsNullOrEmpty(x.c.Description) ? "." : $" ({x.c.Description})."),
                Evidence = [new EvidenceRef(registry.Id, $"properties.privateEndpointConnections[{x.i}].properties.privateLinkServiceConnectionState.status", x.c.Status, "Approved")],
                Fix = x.c.Status.Equals("Pending", StringComparison.OrdinalIgnoreCase)
                    ? [Shell.Command($"az acr private-endpoint-connection approve --registry-name <registry> --name {x.c.Name}")]
                    : [],
            }));
    }
}
