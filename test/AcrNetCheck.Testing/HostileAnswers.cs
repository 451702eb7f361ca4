using System.Text;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Testing;

/// <summary>Answers a hostile or broken service gives, shared by the stand-ins (ARM, Log Analytics).</summary>
public static class HostileAnswers
{
    /// <summary>Status 200 and a JSON body that never ends (a string that goes on until the client hangs up).</summary>
    public static async Task EndlessBodyAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var chunk = Encoding.ASCII.GetBytes(new string('a', 64 * 1024));
        try
        {
            await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("{\"value\": [{\"id\": \""), context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException) { } // the client stopped reading: what we want
    }

    /// <summary>An error message quoting the request's Authorization header (a JWT here) and a SAS URL, as a careless proxy might.</summary>
    public static string EchoingAuthorization(HttpContext context) =>
        $"Request rejected. Headers: Authorization: {context.Request.Headers.Authorization}; " +
        $"token={context.Request.Headers.Authorization.ToString().Split(' ').Last()}; " +
        "see https://contoso.blob.core.windows.net/logs/x?sv=2022-11-02&sr=b&sig=Zm9vYmFyc2VjcmV0c2lnbmF0dXJl%2Bg%3D&se=2030-01-01";
}
