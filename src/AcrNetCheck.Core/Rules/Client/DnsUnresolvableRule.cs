using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class DnsUnresolvableRule : Rule
{
    public new const string Id = "client.dns-unresolvable";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "A registry endpoint does not resolve",
        cause: "The client cannot resolve the login server or a data endpoint: the name is misspelled, a custom or corporate DNS server " +
               "does not forward to Azure DNS, or a private DNS zone answers for the name without holding its record.",
        solution:
        [
            "Resolve it from the failing client: nslookup <login-server> (and each <registry>.<region>.data.azurecr.io data endpoint)",
            "With custom DNS servers, forward privatelink.azurecr.io and azurecr.io to Azure DNS (168.63.129.16) or a DNS private resolver",
            "Allow every endpoint in the client firewall: az acr show-endpoints --name <registry>",
        ],
        docLink: Descriptors.Pages.HealthErrorReference + "#connectivity_dns_error",
        symptoms: [Symptoms.NoSuchHost, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var probes = evidence.Bundle.Probes;
        if (probes is null || probes.Endpoints.Count == 0) return RuleResult.Needs("probes.endpoints[].dns");

        var findings = new List<Finding>();
        foreach (var endpoint in evidence.Endpoints)
        {
            var probe = evidence.ProbeFor(endpoint.Host);
            if (probe?.PrimaryLookup() is not { } lookup || lookup.Status == DnsStatus.Resolved) continue;
            findings.Add(new Finding
            {
                Subject = endpoint.Host,
                Message = $"{endpoint.Host} ({endpoint.Purpose}{(endpoint.Region is { } r ? ", " + r : "")}) did not resolve: {lookup.Status}" +
                          (lookup.Error is { } e ? $" ({e})" : "") + $", via the {lookup.Source} resolver.",
                Evidence = [new EvidenceRef(endpoint.Host, $"probes.endpoints[host={endpoint.Host}].dns[source={lookup.Source}].status", lookup.Status, DnsStatus.Resolved)],
                // Once ARM has named the endpoint the name is right: only the resolver is left to blame.
                Fix = evidence.Registry is null
                    ? ["Check the name: az acr show --name <registry> --query loginServer -o tsv"]
                    : [$"The name is the registry's own (ARM returned it); ask the resolver directly: nslookup {endpoint.Host}"],
            });
        }
        return RuleResult.From(findings);
    }
}
