using System.Net;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Testing;

/// <summary>
/// How the stand-in registry answers GET /v2/, as ACR does:
/// <c>challenge</c>: 401 with the Bearer challenge (a healthy registry, not logged in);
/// <c>ip-not-allowed</c>: 403 naming the client IP its network rules refuse;
/// <c>hang</c>: accepts the request and never answers;
/// <c>pull</c>: the pull path (see <see cref="PullPath"/>).
/// </summary>
public static partial class RegistryStandIn
{
    public const string DeniedIp = "203.0.113.50";

    public static Func<HttpContext, Task> Handler(string answer) => answer switch
    {
        "challenge" => Challenge,
        "ip-not-allowed" => IpNotAllowed,
        "hang" => context => Task.Delay(Timeout.Infinite, context.RequestAborted),
        "pull" => PullPath,
        _ => throw new ArgumentException($"unknown registry answer '{answer}' (challenge, ip-not-allowed, hang, pull)"),
    };

    private static Task Challenge(HttpContext context)
    {
        var host = context.Request.Host.Host;
        context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
        context.Response.Headers["Docker-Distribution-Api-Version"] = "registry/2.0";
        context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"https://{host}/oauth2/token\",service=\"{host}\"";
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information.","detail":null}]}""");
    }

    private static Task IpNotAllowed(HttpContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync($$"""{"errors":[{"code":"DENIED","message":"client with IP '{{DeniedIp}}' is not allowed access. Refer https://aka.ms/acr/firewall to grant access."}]}""");
    }
}
