using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class TcpBlockedRule : Rule
{
    public new const string Id = "client.tcp-blocked";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "TCP 443 to the login server is blocked",
        cause: "The login server's name resolves, but the client cannot open a TCP connection to it on port 443: an outbound firewall, " +
               "NSG or route on the client's network drops or rejects the traffic before it reaches the registry.",
        solution:
        [
            "List every endpoint the client must reach: az acr show-endpoints --name <registry>",
            "Open outbound TCP 443 to <login-server> and to each data endpoint (<registry>.<region>.data.azurecr.io) in the client firewall or NSG",
            "With Azure Firewall, allow the AzureContainerRegistry service tag (network rule), or FQDN application rules for <login-server> and *.data.azurecr.io",
            "Check from the client: curl -sv https://<login-server>/v2/ (a 401 answer means the path is open)",
        ],
        docLink: Descriptors.Pages.FirewallAccessRules,
        symptoms: [Symptoms.ClientTimeout, Symptoms.CouldNotConnect, Symptoms.HostNotReachable]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Probes is not { Endpoints.Count: > 0 } probes) return RuleResult.Needs("probes.endpoints[].tcp");
        if (evidence.LoginServerProbe is not { } login || !login.Resolved() || login.Tcp is null or { Status: TcpStatus.NotAttempted })
            return RuleResult.Needs("probes.endpoints[].tcp of a resolved login server");
        if (!login.TcpFailed()) return RuleResult.Pass();

        // The same firewall usually blocks the data endpoints too: name them now rather than after the next failed pull.
        var blocked = probes.Endpoints.Where(p => p.Resolved() && p.TcpFailed()).ToList();
        return RuleResult.From(blocked.Select(probe => new Finding
        {
            Subject = probe.Host,
            Message = $"{probe.Host} ({Role(probe)}) resolved, but {probe.TcpFailureStatement()}.",
            Evidence = [probe.TcpStatusEvidence()],
            Fix = probe.OpenPortFix(),
        }));
    }

    private static string Role(EndpointProbe probe) =>
        probe.Purpose.Replace('-', ' ') + (probe.RegionOf() is { } region ? ", " + region : "");
}
