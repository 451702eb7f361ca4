using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class TlsInterceptedRule : Rule
{
    public new const string Id = "client.tls-intercepted";

    /// <summary>
    /// The public roots Azure services chain to; anything else at the top of the chain means something on the path re-signed it.
    /// Source: https://learn.microsoft.com/azure/security/fundamentals/azure-ca-details
    /// </summary>
    public static readonly IReadOnlyList<string> AzureRootCertificates =
    [
        "DigiCert Global Root G2",
        "DigiCert Global Root CA",
        "Baltimore CyberTrust Root",
        "Microsoft RSA Root Certificate Authority 2017",
        "Microsoft ECC Root Certificate Authority 2017",
    ];

    private static readonly string[] InterceptionPolicyErrors = ["RemoteCertificateNameMismatch", "RemoteCertificateChainErrors"];
    private static readonly string[] InterceptionChainStatus = ["UntrustedRoot", "PartialChain"];

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Error,
        title: "TLS to the registry is intercepted",
        cause: "A TLS-inspecting proxy or firewall terminates the connection and re-signs the registry's certificate with its own CA: " +
               "the certificate does not chain to a public root Azure uses, so Docker (which does not trust that CA) rejects it.",
        solution:
        [
            "Exempt <login-server> and *.data.azurecr.io from TLS inspection on the proxy or firewall",
            "Or trust the inspection CA in Docker: sudo mkdir -p /etc/docker/certs.d/<login-server> && sudo cp <inspection-ca>.crt /etc/docker/certs.d/<login-server>/ca.crt",
            "And in the OS store (Debian/Ubuntu): sudo cp <inspection-ca>.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates",
            "See who signed what the client receives: openssl s_client -connect <login-server>:443 -servername <login-server> -showcerts </dev/null",
        ],
        docLink: Descriptors.Pages.HealthErrorReference + "#connectivity_ssl_error",
        symptoms: [Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        var tlsProbes = evidence.Bundle.Probes?.Endpoints.Where(p => p.Tls is not null).ToList() ?? [];
        if (tlsProbes.Count == 0) return RuleResult.Needs("probes.endpoints[].tls");

        var findings = new List<Finding>();
        foreach (var probe in tlsProbes)
        {
            var tls = probe.Tls!;
            var errors = tls.PolicyErrors.Intersect(InterceptionPolicyErrors, StringComparer.OrdinalIgnoreCase)
                .Concat(tls.ChainStatus.Intersect(InterceptionChainStatus, StringComparer.OrdinalIgnoreCase)).ToList();
            var root = tls.Chain.LastOrDefault()?.Subject;
            var foreignRoot = root is not null && !IsAzureRoot(root);
            if (errors.Count == 0 && !foreignRoot) continue;

            var basePath = $"probes.endpoints[host={probe.Host}].tls";
            var evidenceRefs = new List<EvidenceRef>();
            if (root is not null)
                evidenceRefs.Add(new(probe.Host, $"{basePath}.chain[{tls.Chain.Count - 1}].subject", root, "one of " + FindingText.List(AzureRootCertificates)));
            if (errors.Count > 0)
                evidenceRefs.Add(new(probe.Host, $"{basePath}.policyErrors", FindingText.List(tls.PolicyErrors.Concat(tls.ChainStatus)), "none"));

            findings.Add(new Finding
            {
                Subject = probe.Host,
                Message = $"{probe.Host} presented a certificate issued by {tls.Issuer ?? "an unknown issuer"}" +
                          (root is null ? " with no chain" : $", chaining to {root}") +
                          (foreignRoot ? ", which is not a public root Azure uses" : "") +
                          (errors.Count > 0 ? $"; validation failed with {FindingText.List(errors)}" : "; this machine trusts that root, but Docker and clients that do not share its trust store reject it") +
                          ": something on the path inspects TLS.",
                Evidence = evidenceRefs,
                Fix =
                [
                    $"Exempt {probe.Host} from TLS inspection on the device that signs as {tls.Issuer ?? "the inspection CA"}",
                    $"Or trust that CA in Docker: sudo mkdir -p /etc/docker/certs.d/{probe.Host} && sudo cp <inspection-ca>.crt /etc/docker/certs.d/{probe.Host}/ca.crt",
                ],
            });
        }
        return RuleResult.From(findings);
    }

    private static bool IsAzureRoot(string subject) =>
        AzureRootCertificates.Any(r => subject.Contains(r, StringComparison.OrdinalIgnoreCase));
}
