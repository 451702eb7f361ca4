using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AcrNetCheck.Core.Collection.Probes.Https;
using AcrNetCheck.Core.Evidence;
using Azure.Core;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Probes.Pull;

/// <summary>
/// Walks the real pull path from this machine: the signed-in identity's Microsoft Entra token exchanged for a registry refresh
/// token (<c>POST /oauth2/exchange</c>) and a repository-scoped access token (<c>POST /oauth2/token</c>), as
/// <c>az acr login --expose-token</c> does; the manifest; one blob, whose redirect is followed WITHOUT the registry's token
/// (storage authorizes by the SAS in the URL, and a bearer token must never leave for another host). Tokens live in local
/// variables only: nothing of them is recorded, logged or printed. Records what happened; never judges.
/// </summary>
internal sealed class PullTester(ProbeSettings settings)
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ];

    public async Task<PullTestEvidence> RunAsync(string loginServer, PullTestRequest request, TokenCredential credential, CancellationToken cancellationToken)
    {
        var evidence = new PullTestEvidence { Repository = request.Repository ?? "", Reference = request.Tag ?? "" };
        var entraToken = (await credential.GetTokenAsync(new TokenRequestContext([request.Scope], tenantId: request.Tenant), cancellationToken).ConfigureAwait(false)).Token;
        using var registry = Client(loginServer);
        var baseUri = new Uri($"https://{loginServer}/");

        var exchange = await SendAsync(registry, evidence, PullStepName.Exchange, Form(baseUri, "oauth2/exchange",
            ("grant_type", "access_token"), ("service", loginServer), ("tenant", request.Tenant), ("access_token", entraToken)), cancellationToken).ConfigureAwait(false);
        if (exchange?.Value<string>("refresh_token") is not { Length: > 0 } refreshToken) return evidence;

        async Task<string?> AccessTokenAsync(string scope)
        {
            var answer = await SendAsync(registry, evidence, PullStepName.Token, Form(baseUri, "oauth2/token",
                ("grant_type", "refresh_token"), ("service", loginServer), ("scope", scope), ("refresh_token", refreshToken)), cancellationToken).ConfigureAwait(false);
            return answer?.Value<string>("access_token") is { Length: > 0 } token ? token : null;
        }

        if (request.Repository is null)
        {
            if (await AccessTokenAsync("registry:catalog:*").ConfigureAwait(false) is not { } catalogToken) return evidence;
            var catalog = await SendAsync(registry, evidence, PullStepName.Catalog, Get(baseUri, "v2/_catalog?n=1", catalogToken), cancellationToken).ConfigureAwait(false);
            if ((catalog?["repositories"] as JArray)?.FirstOrDefault()?.ToString() is not { Length: > 0 } first) return Stop(evidence, PullStepName.Catalog, "the catalog lists no repository");
            evidence.Repository = first;
        }
        if (await AccessTokenAsync($"repository:{evidence.Repository}:pull").ConfigureAwait(false) is not { } pullToken) return evidence;
        if (evidence.Reference.Length == 0)
        {
            var tags = await SendAsync(registry, evidence, PullStepName.Tags, Get(baseUri, $"v2/{evidence.Repository}/tags/list", pullToken), cancellationToken).ConfigureAwait(false);
            var names = (tags?["tags"] as JArray)?.Select(t => t.ToString()).ToList() ?? [];
            if (names.Count == 0) return Stop(evidence, PullStepName.Tags, $"{evidence.Repository} has no tag");
            evidence.Reference = names.Contains("latest") ? "latest" : names[0];
        }

        var manifest = await SendAsync(registry, evidence, PullStepName.Manifest, Get(baseUri, $"v2/{evidence.Repository}/manifests/{evidence.Reference}", pullToken, ManifestTypes), cancellationToken).ConfigureAwait(false);
        // A multi-platform image: its first platform's manifest names the layers.
        if ((manifest?["manifests"] as JArray)?.FirstOrDefault()?.Value<string>("digest") is { } platform)
            manifest = await SendAsync(registry, evidence, PullStepName.Manifest, Get(baseUri, $"v2/{evidence.Repository}/manifests/{platform}", pullToken, ManifestTypes), cancellationToken).ConfigureAwait(false);
        if (manifest is null) return evidence;
        var digest = (manifest["layers"] as JArray)?.FirstOrDefault()?.Value<string>("digest") ?? manifest.SelectToken("config.digest")?.ToString();
        if (digest is null) return Stop(evidence, PullStepName.Manifest, "the manifest names no layer or config blob");

        var (blob, location) = await RedirectAsync(registry, evidence, Get(baseUri, $"v2/{evidence.Repository}/blobs/{digest}", pullToken), cancellationToken).ConfigureAwait(false);
        if (!blob || location is null) return evidence;
        evidence.RedirectHost = location.Host;
        using var storage = Client(location.Host);
        var range = new HttpRequestMessage(HttpMethod.Get, location);
        range.Headers.Range = new RangeHeaderValue(0, 0);
        await SendAsync(storage, evidence, PullStepName.Storage, range, cancellationToken, readJson: false).ConfigureAwait(false);
        return evidence;
    }

    /// <summary>One client per host, through the proxy the environment gives that host, never following redirects itself.</summary>
    private HttpClient Client(string host)
    {
        var proxy = settings.Proxy.For(host);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = proxy is not null, Proxy = proxy?.ToWebProxy(), UseCookies = false };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static HttpRequestMessage Form(Uri baseUri, string path, params (string Name, string? Value)[] fields) =>
        new(HttpMethod.Post, new Uri(baseUri, path))
        {
            Content = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Name, f.Value!))),
        };

    private static HttpRequestMessage Get(Uri baseUri, string path, string token, string[]? accept = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, path));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var type in accept ?? []) message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        return message;
    }

    /// <summary>The blob request: a redirect's Location is where the layer really comes from.</summary>
    private async Task<(bool Succeeded, Uri? Location)> RedirectAsync(HttpClient client, PullTestEvidence evidence, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(client, evidence, PullStepName.Blob, request, cancellationToken).ConfigureAwait(false);
        if (response is null || (int)response.StatusCode >= 400) return (false, null);
        var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l : new Uri(request.RequestUri!, l)) : null;
        return (true, location);
    }

    private async Task<JObject?> SendAsync(HttpClient client, PullTestEvidence evidence, string step, HttpRequestMessage request, CancellationToken cancellationToken, bool readJson = true)
    {
        using var response = await SendRawAsync(client, evidence, step, request, cancellationToken).ConfigureAwait(false);
        if (response is null || !response.IsSuccessStatusCode || !readJson) return null;
        try { return JObject.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)); }
        catch (Newtonsoft.Json.JsonException) { evidence.Steps[^1].Error = "the answer is not JSON"; return null; }
    }

    /// <summary>Sends under one probe's timeout and records the step; a failure without an answer is a network cause.</summary>
    private async Task<HttpResponseMessage?> SendRawAsync(HttpClient client, PullTestEvidence evidence, string step, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var record = new PullStep { Name = step, Url = request.RequestUri!.GetLeftPart(UriPartial.Path) };
        evidence.Steps.Add(record);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ProbeTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            record.StatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode && (int)response.StatusCode >= 400) record.Error = await RegistryErrorAsync(response, timeout.Token).ConfigureAwait(false);
            return response;
        }
        catch (HttpRequestException e)
        {
            var probe = new HttpProbe();
            HttpFailure.Record(probe, e, viaProxy: settings.Proxy.For(request.RequestUri.Host) is not null);
            (record.ErrorKind, record.Error) = (probe.ErrorKind ?? HttpErrorKind.Connection, probe.Error);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            (record.ErrorKind, record.Error) = (HttpErrorKind.Timeout, $"no answer within {settings.ProbeTimeout.TotalMilliseconds:0} ms");
            return null;
        }
        finally
        {
            record.ElapsedMs = Math.Round(clock.Elapsed.TotalMilliseconds, 1);
            request.Dispose();
        }
    }

    /// <summary>The registry's <c>errors[0]</c> ("UNAUTHORIZED: …"), or the status line; a storage answer's first line.</summary>
    private static async Task<string?> RegistryErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JObject.Parse(body).SelectToken("errors[0]") is JObject error)
                return $"{error.Value<string>("code")}: {error.Value<string>("message")}".Trim(' ', ':');
        }
        catch (Newtonsoft.Json.JsonException) { }
        var first = body.Split('\n')[0].Trim();
        return first.Length is > 0 and <= 300 ? first : response.ReasonPhrase;
    }

    private static PullTestEvidence Stop(PullTestEvidence evidence, string step, string why)
    {
        evidence.Steps.Add(new PullStep { Name = step, Url = "", Error = why });
        return evidence;
    }
}
