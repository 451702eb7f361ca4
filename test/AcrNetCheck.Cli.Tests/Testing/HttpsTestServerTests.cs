using Microsoft.AspNetCore.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrNetCheck.Testing;

namespace AcrNetCheck.Cli.Tests.Testing;

/// <summary>The stand-in server itself: real TLS trusted only through the generated CA.</summary>
public class HttpsTestServerTests
{
    [Fact]
    public async Task ServesOverTls_TrustedOnlyThroughTheGeneratedCa()
    {
        using var certs = new TestCertificates();
        await using var server = await HttpsTestServer.StartAsync(certs, ctx => ctx.Response.WriteAsync("ok"));

        using var trusting = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { certs.Ca }, RevocationMode = X509RevocationMode.NoCheck },
            },
        });
        using var plain = new HttpClient();

        Assert.Equal("ok", await trusting.GetStringAsync(new Uri(server.BaseUri, "/v2/")));
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetStringAsync(new Uri(server.BaseUri, "/v2/")));
        Assert.Contains(server.Requests, r => r.PathAndQuery == "/v2/");
    }
}
