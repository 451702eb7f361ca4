using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Collection.Cloud;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AcrNetCheck.Testing;

/// <summary>
/// An Azure.Core pipeline as the product builds one (bearer token, retries with Retry-After) that trusts only the test CA,
/// for clients pointed at a local stand-in. The token is a fixed test string so tests can check it never leaks.
/// </summary>
public static class TestPipeline
{
    public const string Token = "stand-in-token-7c1e";

    /// <param name="beforeTransport">A product policy to add under the SDK's buffering (e.g. the response size limit).</param>
    public static HttpPipeline Build(TestCertificates certs, string scope = "https://management.azure.com/.default", TimeSpan? retryDelay = null, int maxRetries = 3,
        HttpPipelinePolicy? beforeTransport = null)
    {
        var options = new StandInClientOptions { Transport = Transport(certs) };
        options.Retry.Delay = retryDelay ?? TimeSpan.FromMilliseconds(50);
        options.Retry.MaxRetries = maxRetries;
        if (beforeTransport is not null) options.AddPolicy(beforeTransport, HttpPipelinePosition.BeforeTransport);
        return HttpPipelineBuilder.Build(options, new BearerTokenAuthenticationPolicy(new StaticToken(), scope));
    }

    /// <summary>The product's ARM reader (its signed-in pipeline) pointed at a stand-in at <paramref name="armEndpoint"/>, with the same test token.</summary>
    public static ArmReader ArmReader(TestCertificates certs, Uri armEndpoint)
    {
        var options = AcrNetCheck.Core.Collection.Arm.ArmReader.DefaultOptions(TimeSpan.FromSeconds(30));
        options.Transport = Transport(certs);
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        var cloud = AzureCloud.Public with { Name = "StandIn", ResourceManager = armEndpoint };
        return new ArmReader(cloud, new StaticToken(), options);
    }

    private static HttpClientTransport Transport(TestCertificates certs) => new(new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { certs.Ca }, RevocationMode = X509RevocationMode.NoCheck },
        },
    });

    private sealed class StandInClientOptions : ClientOptions;

    private sealed class StaticToken : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(Token, DateTimeOffset.UtcNow.AddHours(1));
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
