using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Xml;
using AcrNetCheck.Core.Evidence;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Testing;

/// <summary>A fault the Log Analytics stand-in injects on queries whose path contains <see cref="PathContains"/>, the first <see cref="Times"/> times.</summary>
public sealed record LogAnalyticsFault(string PathContains, int Status = 500, string ErrorCode = "InternalServerError", int Times = int.MaxValue)
{
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Never answers (until the client gives up).</summary>
    public bool Hang { get; init; }
    /// <summary>Answers the rows with the API's partial-error shape beside them.</summary>
    public bool Partial { get; init; }
    /// <summary>Answers 200 with a body that is not JSON.</summary>
    public bool Malformed { get; init; }
    /// <summary>Answers 200 with a body that never ends.</summary>
    public bool EndlessBody { get; init; }
    /// <summary>The error message quotes the request's Authorization header (and a SAS signature).</summary>
    public bool EchoAuthorization { get; init; }
}

/// <summary>
/// The Log Analytics query API (<c>POST /v1/workspaces/{customerId}/query</c> and resource-centric <c>POST /v1{resourceId}/query</c>)
/// over a workspace holding the given login events. A query must summarize (a raw pull is refused, as a workspace of millions of
/// rows would be too big to transfer); it is answered in the real tables/columns/rows shape with one row per group of events
/// inside the request's timespan (a group is in the window when its LastSeen is). Requires its own bearer token.
/// </summary>
public sealed class FakeLogAnalytics : IAsyncDisposable
{
    private static readonly (string Name, string Type)[] Columns =
    [
        ("CallerIpAddress", "string"), ("Identity", "string"), ("ResultType", "string"), ("ResultDescription", "string"),
        ("OperationName", "string"), ("LoginServer", "string"), ("Count", "long"), ("FirstSeen", "datetime"), ("LastSeen", "datetime"),
        ("UserAgents", "dynamic"),
    ];

    private readonly IReadOnlyList<LoginEventGroup> _events;
    private readonly IReadOnlyCollection<string> _customerIds;
    private readonly ConcurrentDictionary<LogAnalyticsFault, int> _faultCounts = new();
    private HttpsTestServer _server = null!;

    private FakeLogAnalytics(IReadOnlyList<LoginEventGroup> events, IReadOnlyCollection<string> customerIds, string? accessToken)
    {
        _events = events;
        _customerIds = customerIds;
        AccessToken = accessToken ?? "fake-la-token-" + Guid.NewGuid().ToString("N");
    }

    /// <param name="events">The events the workspace holds, as groups with a count (a count of a million stands for a million rows).</param>
    /// <param name="customerIds">The workspaces' customer ids the API knows; others answer 404 as for a deleted workspace.</param>
    /// <param name="accessToken">The bearer token it requires (default: a fresh one, handed out by the test's fake az).</param>
    public static async Task<FakeLogAnalytics> StartAsync(TestCertificates certs, IReadOnlyList<LoginEventGroup> events, string[] customerIds, string? accessToken = null)
    {
        var standIn = new FakeLogAnalytics(events, customerIds, accessToken);
        standIn._server = await HttpsTestServer.StartAsync(certs, standIn.HandleAsync);
        return standIn;
    }

    public string AccessToken { get; }
    public Uri BaseUri => _server.BaseUri;
    public List<LogAnalyticsFault> Faults { get; } = new();

    /// <summary>Queries received (any outcome).</summary>
    public IReadOnlyList<RecordedRequest> Queries => _server.Requests.Where(r => r.Method == "POST").ToList();

    /// <summary>When each query arrived and was answered.</summary>
    public IReadOnlyList<TimedRequest> QueryTimings => _server.Timings.Where(r => r.Method == "POST").ToList();

    /// <summary>Rows sent back over all successful answers.</summary>
    public int RowsSent => _rowsSent;
    private int _rowsSent;

    /// <summary>Events the workspace holds: what a raw query would have had to transfer.</summary>
    public long EventsHeld => _events.Sum(e => e.Count);

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/");
        if (context.Request.Headers.Authorization != $"Bearer {AccessToken}") { await ErrorAsync(context, 403, "InvalidTokenError", "The provided authentication is not valid for this resource."); return; }
        var fault = NextFault(path);
        if (fault is { Partial: false }) { await FaultAsync(context, fault); return; }
        var workspace = path.StartsWith("/v1/workspaces/", StringComparison.OrdinalIgnoreCase) ? path.Split('/')[3] : null;
        if (workspace is not null && !_customerIds.Contains(workspace, StringComparer.OrdinalIgnoreCase)) { await ErrorAsync(context, 404, "WorkspaceNotFoundError", $"Workspace {workspace} not found."); return; }

        var body = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync())!;
        var query = (string)body["query"]!;
        if (!query.Contains("summarize", StringComparison.Ordinal)) { await ErrorAsync(context, 400, "TooManyRows", "raw pull refused by the test stand-in: summarize server-side"); return; }
        var since = DateTimeOffset.UtcNow - XmlConvert.ToTimeSpan((string)body["timespan"]!);
        var rows = _events.Where(e => e.LastSeen >= since).Select(e => (JsonNode)new JsonArray(
            e.CallerIpAddress, e.Identity, e.ResultType, e.ResultDescription, e.OperationName, e.LoginServer, e.Count,
            e.FirstSeen?.ToString("o"), e.LastSeen?.ToString("o"),
            // The API writes dynamic values as JSON inside a string.
            new JsonArray(e.UserAgents.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()).ToJsonString())).ToArray();
        Interlocked.Add(ref _rowsSent, rows.Length);
        var response = new JsonObject
        {
            ["tables"] = new JsonArray(new JsonObject
            {
                ["name"] = "PrimaryResult",
                ["columns"] = new JsonArray(Columns.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["type"] = c.Type }).ToArray()),
                ["rows"] = new JsonArray(rows),
            }),
        };
        if (fault is { Partial: true }) response["error"] = new JsonObject { ["code"] = "PartialError", ["message"] = "There were some errors when processing your query." };
        await JsonAsync(context, response, 200);
    }

    private LogAnalyticsFault? NextFault(string path)
    {
        foreach (var fault in Faults.Where(f => path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)))
            if (_faultCounts.AddOrUpdate(fault, 1, (_, n) => n + 1) <= fault.Times) return fault;
        return null;
    }

    private static async Task FaultAsync(HttpContext context, LogAnalyticsFault fault)
    {
        if (fault.Hang) { await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }); return; }
        if (fault.EndlessBody) { await HostileAnswers.EndlessBodyAsync(context); return; }
        if (fault.Malformed) { context.Response.ContentType = "application/json"; await context.Response.WriteAsync("{\"tables\": [{\"name\": \"PrimaryResult\", \"rows\": ["); return; }
        if (fault.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        await ErrorAsync(context, fault.Status, fault.ErrorCode, fault.EchoAuthorization ? HostileAnswers.EchoingAuthorization(context) : fault.Status == 403
            ? "The provided credentials have insufficient access to perform the requested operation"
            : $"Injected {fault.Status}.");
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        JsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status);

    private static async Task JsonAsync(HttpContext context, JsonNode body, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
