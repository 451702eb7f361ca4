using AcrNetCheck.Core.Evidence;
using Azure.Identity;

namespace AcrNetCheck.Core.Collection.Probes.Pull;

/// <summary>
/// The pull test as part of a probe run: the walk itself (<see cref="PullTester"/>), then the host the blob redirected to
/// gets the same DNS/TCP/TLS probe as every registry endpoint (added to <paramref name="endpoints"/> unless it already is
/// one), so the storage hop is probed, not assumed. No token for the identity: a collection error, the probes stand.
/// </summary>
internal static class PullTestProbe
{
    public static async Task<PullTestEvidence?> RunAsync(CollectionContext context, EvidenceBundle bundle, EvidenceView evidence, string loginServer,
        PullTestRequest request, ProbeSettings settings, List<EndpointProbe> endpoints, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        PullTestEvidence pullTest;
        try
        {
            var credential = request.Credential ?? Cloud.AzureCredentials.Create(Cloud.AzureCredentials.Auto,
                Cloud.AzureCliConfig.Load(environment).ResolveCloud(null), context.Deadline.CredentialProcessTimeout);
            pullTest = await new PullTester(settings).RunAsync(loginServer, request, credential, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CredentialUnavailableException or AuthenticationFailedException)
        {
            bundle.CollectionErrors.Add(new CollectionError
            {
                Read = "pullTest", ErrorCode = "CredentialUnavailable",
                Message = $"pull test: no Microsoft Entra token for {request.Scope} ({e.Message.Split('\n')[0]}); sign in with az login, or pass --auth",
            });
            return null;
        }
        context.Log.Verbose($"pull test: {string.Join(", ", pullTest.Steps.Select(s => $"{s.Name} {s.StatusCode?.ToString() ?? s.ErrorKind ?? "-"}"))}");

        if (pullTest.RedirectHost is { } host && !endpoints.Any(e => string.Equals(e.Host, host, StringComparison.OrdinalIgnoreCase)))
        {
            var dataEndpoint = host.EndsWith(".data." + evidence.LoginServerSuffix, StringComparison.OrdinalIgnoreCase);
            var target = new RegistryEndpoint(host, dataEndpoint ? EndpointPurpose.DataEndpoint : EndpointPurpose.Storage,
                dataEndpoint ? RegistryEndpoints.RegionOfDataEndpoint(host) : evidence.Registry?.Location);
            endpoints.Add(await EndpointProber.ProbeAsync(target, settings, cancellationToken).ConfigureAwait(false));
        }
        return pullTest;
    }
}
