using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class DataEndpointBlockedRule : Rule
{
    public new const string Id = "client.data-endpoint-blocked";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "A data endpoint is blocked while the login server is reachable",
        cause: "The client reaches the login server, so login and manifest requests work, but TCP 443 to a data endpoint " +
               "(<registry>.<region>.data.azurecr.io, or the registry's storage without dedicated data endpoints) fails: " +
               "the firewall allows only the login server, so layer downloads and uploads time out.",
        solution:
        [
            "List the data endpoints of every region: az acr show-endpoints --name <registry>",
            "Allow outbound TCP 443 to each <registry>.<region>.data.azurecr.io (or *.blob.core.windows.net without dedicated data endpoints) in the client firewall",
            "Prefer dedicated data endpoints over the storage wildcard: az acr update --name <registry> --data-endpoint-enabled true",
            "With Azure Firewall, allow the AzureContainerRegistry service tag, or an FQDN rule for *.data.azurecr.io",
        ],
        docLink: Descriptors.Pages.DedicatedDataEndpoints,
        symptoms: [Symptoms.ClientTimeout, Symptoms.HostNotReachable]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var layerProbes = evidence.Bundle.Probes?.Endpoints.Where(p => p.CarriesLayers()).ToList() ?? [];
        if (layerProbes.Count == 0) return RuleResult.Needs("probes of data endpoints");
        if (evidence.LoginServerProbe is not { } login) return RuleResult.Needs("probes.endpoints[].tcp of the login server");
        // When the login server is blocked too, client.tcp-blocked names every endpoint: this rule is the partial case.
        if (!login.Reachable() && !login.TcpConnected())
            return RuleResult.NotApplicable($"the login server {login.Host} is not reachable either");

        return RuleResult.From(layerProbes.Where(p => p.Resolved() && p.TcpFailed()).Select(probe => new Finding
        {
            Subject = probe.Host,
            Message = $"The login server {login.Host} is reachable, but {probe.TcpFailureStatement()} for {probe.Host} " +
                      $"({Serves(probe)}): image layers cannot be pulled or pushed there.",
            Evidence = [probe.TcpStatusEvidence(), new EvidenceRef(login.Host, $"probes.endpoints[host={login.Host}].tcp.status", login.Tcp?.Status, TcpStatus.Connected)],
            Fix = probe.OpenPortFix(),
        }));
    }

    private static string Serves(EndpointProbe probe) => (probe.Purpose, probe.RegionOf()) switch
    {
        (EndpointPurpose.Storage, null) => "the registry's storage",
        (EndpointPurpose.Storage, { } region) => $"the registry's storage in {region}",
        (_, { } region) => $"the data endpoint of region {region}",
        _ => "a data endpoint",
    };
}
