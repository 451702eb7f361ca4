using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AcrNetCheck.Testing;

/// <summary>
/// A CA and a server certificate generated at test start (ECDSA P-256), so TLS is real and no key is committed.
/// Clients trust the CA through <see cref="CaPemPath"/> (SSL_CERT_FILE for a child process) or <see cref="Ca"/> in process.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly string _dir;

    public TestCertificates(string caName = "acr-netcheck test CA", params string[] dnsNames)
    {
        _dir = System.IO.Directory.CreateTempSubdirectory("acr-netcheck-certs-").FullName;
        var names = dnsNames.Length > 0 ? dnsNames : DefaultNames;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest($"CN={names[0]}", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (System.Net.IPAddress.TryParse(name, out var ip)) san.AddIpAddress(ip);
            else san.AddDnsName(name);
        }
        leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        using var leaf = leafRequest.Create(Ca, now.AddDays(-1), now.AddDays(29), serial).CopyWithPrivateKey(leafKey);
        Server = Reimported(leaf);

        CaPemPath = Path.Combine(_dir, "ca.pem");
        File.WriteAllText(CaPemPath, Ca.ExportCertificatePem());
        ServerPemPath = Path.Combine(_dir, "server.pem");
        File.WriteAllText(ServerPemPath, Server.ExportCertificatePem());
        ServerKeyPath = Path.Combine(_dir, "server.key");
        File.WriteAllText(ServerKeyPath, Server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>The server certificate and key written by another process (<see cref="ServerPemPath"/>, <see cref="ServerKeyPath"/>).</summary>
    public static X509Certificate2 LoadServer(string certPemPath, string keyPemPath)
    {
        using var loaded = X509Certificate2.CreateFromPemFile(certPemPath, keyPemPath);
        return Reimported(loaded);
    }

    // Kestrel on Linux needs an exportable, re-imported key.
    private static X509Certificate2 Reimported(X509Certificate2 withKey) =>
        X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    /// <summary>Names the default server certificate covers (a wildcard covers one label only).</summary>
    public static readonly string[] DefaultNames =
    [
        "management.azure.com", "api.loganalytics.io", "localhost", "127.0.0.1",
        "contoso.azurecr.io", "*.azurecr.io", "*.eastus.data.azurecr.io", "*.westeurope.data.azurecr.io", "*.privatelink.azurecr.io",
        // Where a blob request redirects when dedicated data endpoints are off (RegistryStandIn's "pull" answer).
        "*.blob.core.windows.net",
    ];

    public X509Certificate2 Ca { get; }
    public X509Certificate2 Server { get; }
    public string CaPemPath { get; }
    public string ServerPemPath { get; }
    public string ServerKeyPath { get; }
    public string Directory => _dir;

    public void Dispose()
    {
        Server.Dispose();
        Ca.Dispose();
        try { System.IO.Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
