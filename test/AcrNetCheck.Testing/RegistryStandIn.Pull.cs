using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Testing;

/// <summary>
/// The pull path as ACR serves it, on the login server and a second host name, the registry's storage
/// (<see cref="StorageHost"/>, resolved to the same loopback listener): the token exchange, the catalog, tags, one image's
/// manifest, and its blob redirected to storage with a SAS URL. Storage refuses any request that carries an Authorization
/// header, as a bearer token must never be sent there.
/// </summary>
public static partial class RegistryStandIn
{
    public const string StorageHost = "contosoeastus.blob.core.windows.net";
    public const string Repository = "samples/hello";
    /// <summary>The Microsoft Entra token (from the fake az) the exchange refuses: an identity with no pull role.</summary>
    public const string RefusedEntraToken = "entra-token-without-acrpull";
    /// <summary>Secrets the stand-in hands out; a test asserts none of them reaches output or the bundle.</summary>
    public const string RefreshToken = "registry-refresh-token-7f3a";
    public const string AccessToken = "registry-access-token-91c2";
    public const string SasSignature = "sas-signature-5d1e";
    private const string LayerDigest = "sha256:aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";

    private static async Task PullPath(HttpContext context)
    {
        var host = context.Request.Host.Host;
        var path = context.Request.Path.Value ?? "/";
        if (host.Equals(StorageHost, StringComparison.OrdinalIgnoreCase)) { await StorageAsync(context); return; }
        switch (context.Request.Method, path)
        {
            case ("POST", "/oauth2/exchange"):
                var form = await context.Request.ReadFormAsync();
                if (form["grant_type"] != "access_token" || form["service"] != host || string.IsNullOrEmpty(form["access_token"]))
                    await ErrorAsync(context, 400, "BAD_REQUEST", "grant_type, service and access_token are required");
                else if (form["access_token"] == RefusedEntraToken)
                    await ErrorAsync(context, 401, "UNAUTHORIZED", "the identity is not authorized to access the registry");
                else
                    await JsonAsync(context, new JsonObject { ["refresh_token"] = RefreshToken });
                return;
            case ("POST", "/oauth2/token"):
                var tokenForm = await context.Request.ReadFormAsync();
                if (tokenForm["grant_type"] != "refresh_token" || tokenForm["refresh_token"] != RefreshToken)
                    await ErrorAsync(context, 401, "UNAUTHORIZED", "invalid refresh token");
                else
                    await JsonAsync(context, new JsonObject { ["access_token"] = AccessToken });
                return;
            case ("GET", "/v2/"):
                await Challenge(context);
                return;
        }
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") { await Challenge(context); return; }
        if (path == "/v2/_catalog") await JsonAsync(context, new JsonObject { ["repositories"] = new JsonArray(Repository) });
        else if (path == $"/v2/{Repository}/tags/list") await JsonAsync(context, new JsonObject { ["name"] = Repository, ["tags"] = new JsonArray("v1", "latest") });
        else if (path is $"/v2/{Repository}/manifests/latest" or $"/v2/{Repository}/manifests/v1")
            await JsonAsync(context, new JsonObject
            {
                ["schemaVersion"] = 2, ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
                ["config"] = new JsonObject { ["mediaType"] = "application/vnd.oci.image.config.v1+json", ["digest"] = "sha256:cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22cc22", ["size"] = 2 },
                ["layers"] = new JsonArray(new JsonObject { ["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip", ["digest"] = LayerDigest, ["size"] = 1 }),
            }, "application/vnd.oci.image.manifest.v1+json");
        else if (path == $"/v2/{Repository}/blobs/{LayerDigest}")
        {
            context.Response.StatusCode = (int)HttpStatusCode.TemporaryRedirect;
            context.Response.Headers.Location = $"https://{StorageHost}/{Guid.Empty:N}/{LayerDigest.Replace(':', '-')}?sv=2021-08-06&se=2030-01-01T00%3A00%3A00Z&sp=r&sig={SasSignature}";
        }
        else await ErrorAsync(context, 404, "NAME_UNKNOWN", $"{path} not found");
    }

    /// <summary>Blob storage: the SAS in the URL authorizes; an Authorization header is an error, as Azure Storage answers one it cannot use.</summary>
    private static async Task StorageAsync(HttpContext context)
    {
        if (context.Request.Headers.ContainsKey("Authorization") || !context.Request.QueryString.Value!.Contains($"sig={SasSignature}"))
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("InvalidAuthenticationInfo: Authentication information is not given in the correct format.");
            return;
        }
        context.Response.StatusCode = (int)HttpStatusCode.PartialContent;
        context.Response.Headers.ContentRange = "bytes 0-0/1";
        await context.Response.Body.WriteAsync(new byte[] { 0x1f });
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) }, status: status);

    private static async Task JsonAsync(HttpContext context, JsonNode body, string contentType = "application/json; charset=utf-8", int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
