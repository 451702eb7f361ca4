using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Https;

/// <summary>
/// Copies what the TLS handshake showed out of the validation callback (the chain is disposed after it returns):
/// the leaf's subject, SANs and validity, the chain the client built, SslPolicyErrors and the chain status flags.
/// </summary>
internal sealed class TlsRecorder
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    public TlsProbe? Seen { get; private set; }

    /// <summary>
    /// Always accepts: an untrusted chain is the evidence (TLS inspection), not a reason to stop. Only an anonymous
    /// GET /v2/ is ever sent over this connection, so nothing secret reaches an interceptor.
    /// </summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var tls = new TlsProbe { Status = "ok" };
        if (certificate is not null)
        {
            using var leaf = new X509Certificate2(certificate);
            tls.Subject = leaf.Subject;
            tls.Issuer = leaf.Issuer;
            tls.NotBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
            tls.NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            tls.SubjectAlternativeNames = SubjectAlternativeNames(leaf);
        }
        if (chain is not null)
        {
            tls.Chain = chain.ChainElements.Select(e => new CertificateInfo { Subject = e.Certificate.Subject, Issuer = e.Certificate.Issuer, Thumbprint = e.Certificate.Thumbprint }).ToList();
            tls.ChainStatus = chain.ChainStatus.SelectMany(s => FlagNames(s.Status)).Distinct().ToList();
        }
        tls.PolicyErrors = FlagNames(errors).ToList();
        Seen = tls;
        return true;
    }

    private static List<string> SubjectAlternativeNames(X509Certificate2 leaf) =>
        leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())))
            .ToList();

    private static IEnumerable<string> FlagNames<T>(T flags) where T : struct, Enum =>
        Enum.GetValues<T>().Where(f => Convert.ToInt64(f) != 0 && flags.HasFlag(f)).Select(f => f.ToString());
}
