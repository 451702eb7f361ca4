using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AcrNetCheck.Testing;

/// <summary>A fault the fake ARM injects on requests whose path contains <see cref="PathContains"/>, the first <see cref="Times"/> times.</summary>
public sealed record ArmFault(string PathContains, int Status = 500, string ErrorCode = "InternalServerError", int Times = int.MaxValue)
{
    /// <summary>Sent as Retry-After (seconds) with the fault, as ARM does with 429 throttling.</summary>
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Never answers (until the client gives up).</summary>
    public bool Hang { get; init; }
    /// <summary>Answers 200 with a body that is not JSON.</summary>
    public bool Malformed { get; init; }
    /// <summary>Answers 200 with a body that never ends.</summary>
    public bool EndlessBody { get; init; }
    /// <summary>The error message quotes the request's Authorization header (and a SAS signature).</summary>
    public bool EchoAuthorization { get; init; }
    /// <summary>Only requests with this api-version (one read of a resource, not the other); null: every version.</summary>
    public string? ApiVersion { get; init; }
}

public sealed class FakeArmOptions
{
    /// <summary>Added to every ARM answer (not to token requests): a stand-in for the distance to ARM.</summary>
    public TimeSpan Latency { get; init; }
    public List<ArmFault> Faults { get; init; } = new();
    /// <summary>Lists longer than this come in pages joined by nextLink; 0 = one page.</summary>
    public int PageSize { get; init; }
    /// <summary>The bearer token every request must carry (401 otherwise); the MSI endpoint hands it out.</summary>
    public string AccessToken { get; init; } = "fake-arm-token-" + Guid.NewGuid().ToString("N");
    /// <summary>Subscriptions GET /subscriptions lists, as (id, display name).</summary>
    public List<(string Id, string Name)> Subscriptions { get; init; } = new();
    /// <summary>
    /// The caller's permissions the permissions API answers at any scope (one entry per role: actions, notActions), when the
    /// bundle records none; by default everything (<c>*</c>), as for an Owner.
    /// </summary>
    public List<(string[] Actions, string[] NotActions)> CallerPermissions { get; init; } = [(["*"], [])];
}

/// <summary>
/// Azure Resource Manager played from an evidence bundle: every document of its <c>arm</c> section is served at its id,
/// every list at its collection path (real ARM shapes: <c>{"value": [...], "nextLink"}</c>), plus the subscription's resource list
/// filtered on type, the service tag list, provider registrations and a Cloud Shell style MSI token endpoint (<c>/msi/token</c>).
/// Unknown resources answer 404 ResourceNotFound, unknown collections an empty list, as ARM does under an existing parent.
/// </summary>
public sealed class FakeArm : IAsyncDisposable
{
    private readonly JsonObject _arm;
    private readonly JsonObject? _serviceTags;
    private readonly Dictionary<string, JsonObject> _resources = new(StringComparer.OrdinalIgnoreCase);
    private readonly FakeArmOptions _options;
    private readonly ConcurrentDictionary<ArmFault, int> _faultCounts = new();
    /// <summary>Long-running operations in flight: operation id → (the result, polls still to answer 202).</summary>
    private readonly ConcurrentDictionary<string, (JsonObject Result, int PendingPolls)> _operations = new();
    private HttpsTestServer _server = null!;

    private FakeArm(string bundleJson, FakeArmOptions options)
    {
        var bundle = JsonNode.Parse(bundleJson)!.AsObject();
        _arm = bundle["arm"]?.AsObject() ?? new JsonObject();
        _serviceTags = bundle["serviceTags"]?.AsObject();
        _options = options;
        if (_arm["registry"] is JsonObject registry) _resources[(string)registry["id"]!] = registry;
        foreach (var (id, document) in _arm["resources"]?.AsObject() ?? new JsonObject()) _resources[id.TrimEnd('/')] = document!.AsObject();
    }

    public static async Task<FakeArm> StartAsync(TestCertificates certs, string bundleJson, FakeArmOptions? options = null, int port = 0)
    {
        var arm = new FakeArm(bundleJson, options ?? new FakeArmOptions());
        arm._server = await HttpsTestServer.StartAsync(certs, arm.HandleAsync, port: port);
        return arm;
    }

    public Uri BaseUri => _server.BaseUri;
    public string AccessToken => _options.AccessToken;
    public IReadOnlyCollection<RecordedRequest> Requests => _server.Requests;

    /// <summary>Connections opened to the fake (one TLS handshake each), token requests and warm-ups included.</summary>
    public int Connections => _server.Connections;

    /// <inheritdoc cref="HttpsTestServer.ForgetTraffic"/>
    public void ForgetTraffic() => _server.ForgetTraffic();

    /// <summary>When each ARM read arrived and was answered (latency included; token requests and warm-ups excluded).</summary>
    public IReadOnlyList<TimedRequest> ReadTimings => _server.Timings.Where(r => r.Method == "GET" && !r.Path.StartsWith("/msi/", StringComparison.Ordinal)).ToList();

    /// <summary>ARM reads (token requests and credential-less connection warm-ups excluded), by path without the query.</summary>
    public IReadOnlyList<string> ArmPaths => ArmReads.Select(r => Uri.UnescapeDataString(r.PathAndQuery.Split('?')[0])).ToList();

    /// <summary>Polls of long-running operations answered "still running" (202) before the result came.</summary>
    public int PendingPollsAnswered => _pendingPollsAnswered;
    private int _pendingPollsAnswered;

    /// <summary>The GET requests for ARM documents (token requests and warm-ups excluded).</summary>
    public IReadOnlyList<RecordedRequest> ArmReads => Requests.Where(r => r.Method == "GET" && !r.PathAndQuery.StartsWith("/msi/")).ToList();

    /// <summary>
    /// One read of every kind this bundle is answered with (each document and list, the subscriptions' resource lists, service
    /// tags, permissions, provider registrations, an unknown resource), as paths with their query. Sent once to a throwaway
    /// instance, they compile the handler's every branch, so a bench's first real reads do not pay for the stand-in's JIT.
    /// </summary>
    public IEnumerable<string> RehearsalReads()
    {
        var subscriptions = _resources.Keys.Select(id => id.Split('/', StringSplitOptions.RemoveEmptyEntries)).Where(s => s.Length > 1).Select(s => s[1]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        foreach (var id in _resources.Keys) yield return $"{id}?api-version=2024-05-01";
        foreach (var (list, _) in _arm["lists"]?.AsObject() ?? new JsonObject()) yield return $"{list}?api-version=2024-05-01";
        foreach (var subscription in subscriptions)
        {
            yield return $"/subscriptions/{subscription}/resources?$filter=resourceType%20eq%20%27Microsoft.ContainerRegistry%2Fregistries%27&api-version=2022-09-01";
            yield return $"/subscriptions/{subscription}/providers/Microsoft.Network/locations/eastus/serviceTags?api-version=2024-05-01";
            yield return $"/subscriptions/{subscription}/providers/Microsoft.ContainerRegistry?api-version=2024-05-01";
            yield return $"/subscriptions/{subscription}/providers/Microsoft.Authorization/permissions?api-version=2022-04-01";
            yield return $"/subscriptions/{subscription}/resourceGroups/rehearsal/providers/Microsoft.Network/virtualNetworks/none?api-version=2024-05-01";
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? "/").TrimEnd('/');
        if (path.Equals("/msi/token", StringComparison.OrdinalIgnoreCase)) { await TokenAsync(context); return; }
        if (context.Request.Headers.Authorization != $"Bearer {_options.AccessToken}") { await ErrorAsync(context, 401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or invalid."); return; }
        if (_options.Latency > TimeSpan.Zero) await Task.Delay(_options.Latency, context.RequestAborted);
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (NextFault(path, apiVersion) is { } fault) { await FaultAsync(context, fault, path); return; }

        if (path.StartsWith("/operationResults/", StringComparison.OrdinalIgnoreCase)) { await PollAsync(context, path["/operationResults/".Length..]); return; }
        if (HttpMethods.IsPost(context.Request.Method)) { await StartOperationAsync(context, path); return; }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path.Equals("/subscriptions", StringComparison.OrdinalIgnoreCase))
            await JsonAsync(context, new JsonObject { ["value"] = new JsonArray(_options.Subscriptions.Select(s => (JsonNode)new JsonObject { ["id"] = $"/subscriptions/{s.Id}", ["subscriptionId"] = s.Id, ["displayName"] = s.Name, ["state"] = "Enabled" }).ToArray()) });
        else if (segments.Length == 3 && segments[2].Equals("resources", StringComparison.OrdinalIgnoreCase))
            await JsonAsync(context, ResourceList(segments[1], FilteredType(context.Request.Query["$filter"].ToString())));
        else if (segments.Length == 7 && segments[^1].Equals("serviceTags", StringComparison.OrdinalIgnoreCase))
            await JsonAsync(context, ServiceTags(path));
        else if (segments.Length == 4 && segments[2].Equals("providers", StringComparison.OrdinalIgnoreCase))
            await JsonAsync(context, _resources.TryGetValue(path, out var provider) ? provider : new JsonObject { ["id"] = path, ["namespace"] = segments[3], ["registrationState"] = "Registered" });
        else if (path.EndsWith("/providers/Microsoft.Authorization/permissions", StringComparison.OrdinalIgnoreCase))
            await JsonAsync(context, _resources.TryGetValue(path, out var recorded) ? new JsonObject { ["value"] = recorded["value"]?.DeepClone() } : CallerPermissions());
        else if (AcrNetCheck.Core.Collection.Arm.ArmResourceType.IsCollection(path))
            await JsonAsync(context, Page(path, context.Request.Query["$skiptoken"].ToString()));
        else if (_resources.TryGetValue(path, out var document))
            await JsonAsync(context, AtApiVersion(document, apiVersion));
        else
            await ErrorAsync(context, 404, "ResourceNotFound", $"The Resource '{path}' was not found.");
    }

    private JsonObject Page(string path, string skipToken)
    {
        var ids = _arm["lists"]?.AsObject().FirstOrDefault(l => l.Key.TrimEnd('/').Equals(path, StringComparison.OrdinalIgnoreCase)).Value?.AsArray()
            .Select(i => (string)i!).ToList() ?? [];
        var skip = int.TryParse(skipToken, out var s) ? s : 0;
        var take = _options.PageSize > 0 ? _options.PageSize : ids.Count;
        var page = new JsonObject { ["value"] = new JsonArray(ids.Skip(skip).Take(take).Select(id => _resources.TryGetValue(id, out var d) ? d.DeepClone() : new JsonObject { ["id"] = id }).ToArray()) };
        if (skip + take < ids.Count) page["nextLink"] = $"{BaseUri.ToString().TrimEnd('/')}{path}?api-version=2024-05-01&$skiptoken={skip + take}";
        return page;
    }

    /// <summary>Permissions_ListForResource's shape: value[] of {actions, notActions, dataActions, notDataActions}, no ids.</summary>
    private JsonObject CallerPermissions() => new()
    {
        ["value"] = new JsonArray(_options.CallerPermissions.Select(p => (JsonNode)new JsonObject
        {
            ["actions"] = new JsonArray(p.Actions.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["notActions"] = new JsonArray(p.NotActions.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            ["dataActions"] = new JsonArray(), ["notDataActions"] = new JsonArray(),
        }).ToArray()),
    };

    /// <summary>The type in ArmClient's <c>resourceType eq '…'</c> filter; registries when there is none.</summary>
    private static string FilteredType(string filter) =>
        System.Text.RegularExpressions.Regex.Match(filter, "resourceType eq '([^']+)'", System.Text.RegularExpressions.RegexOptions.IgnoreCase) is { Success: true } m
            ? m.Groups[1].Value : "Microsoft.ContainerRegistry/registries";

    private JsonObject ResourceList(string subscription, string type) => new()
    {
        ["value"] = new JsonArray(_resources.Values
            .Where(d => string.Equals((string?)d["type"], type, StringComparison.OrdinalIgnoreCase)
                        && ((string?)d["id"])?.Contains($"/subscriptions/{subscription}/", StringComparison.OrdinalIgnoreCase) == true)
            .Select(d => (JsonNode)new JsonObject { ["id"] = d["id"]!.DeepClone(), ["name"] = d["name"]!.DeepClone(), ["type"] = d["type"]!.DeepClone(), ["location"] = d["location"]?.DeepClone() })
            .ToArray()),
    };

    /// <summary>The ARM serviceTags shape (ServiceTags_List.json): changeNumber as a string, values with properties.</summary>
    private JsonObject ServiceTags(string path) => new()
    {
        ["name"] = "public", ["id"] = path, ["type"] = "Microsoft.Network/serviceTags",
        ["changeNumber"] = (string?)_serviceTags?["changeNumber"] ?? "1", ["cloud"] = (string?)_serviceTags?["cloud"] ?? "Public",
        ["values"] = new JsonArray((_serviceTags?["tags"]?.AsObject() ?? new JsonObject()).Select(tag => (JsonNode)new JsonObject
        {
            ["name"] = tag.Key, ["id"] = tag.Key,
            ["properties"] = new JsonObject
            {
                ["changeNumber"] = "1",
                ["region"] = tag.Key.Contains('.') ? tag.Key[(tag.Key.IndexOf('.') + 1)..].ToLowerInvariant() : "",
                ["systemService"] = tag.Key.Split('.')[0],
                ["addressPrefixes"] = tag.Value!.DeepClone(),
            },
        }).ToArray()),
    };

    /// <summary>
    /// An action the bundle holds a result for runs as ARM's long-running operations do: 202 Accepted with a <c>Location</c> to
    /// poll and <c>Retry-After</c>; the first poll answers 202 again, the next one 200 with the result. The result is kept at the
    /// action's path (<c>{nicId}/effectiveRouteTable</c>), or for a Network Watcher check at <c>{path}#{destination}</c>, the
    /// destination read from the request body as the tool records it (for networkConfigurationDiagnostic <c>{path}#{destination}#{targetResourceId}</c>).
    /// </summary>
    private async Task StartOperationAsync(HttpContext context, string path)
    {
        var key = path;
        if (!_resources.ContainsKey(path) && await DestinationAsync(context) is { } destination) key = $"{path}#{destination}";
        if (!_resources.TryGetValue(key, out var result)) { await ErrorAsync(context, 404, "ResourceNotFound", $"The Resource '{key}' was not found."); return; }
        var operation = Guid.NewGuid().ToString("N");
        _operations[operation] = (result, 1);
        context.Response.StatusCode = 202;
        context.Response.Headers.Location = $"{BaseUri.ToString().TrimEnd('/')}/operationResults/{operation}?api-version=2024-05-01";
        context.Response.Headers.RetryAfter = "0";
    }

    private static async Task<string?> DestinationAsync(HttpContext context)
    {
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            // networkConfigurationDiagnostic: one profile per request, kept per destination and target NIC.
            if (body?["profiles"]?[0]?["destination"] is { } profileDestination) return $"{(string?)profileDestination}#{(string?)body["targetResourceId"]}";
            return (string?)(body?["remoteIPAddress"] ?? body?["destinationIPAddress"] ?? body?["destination"]?["address"]);
        }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private async Task PollAsync(HttpContext context, string operation)
    {
        if (!_operations.TryGetValue(operation, out var state)) { await ErrorAsync(context, 404, "OperationNotFound", $"No operation {operation}."); return; }
        if (state.PendingPolls > 0)
        {
            _operations[operation] = (state.Result, state.PendingPolls - 1);
            Interlocked.Increment(ref _pendingPollsAnswered);
            context.Response.StatusCode = 202;
            context.Response.Headers.RetryAfter = "0";
            return;
        }
        await JsonAsync(context, state.Result);
    }

    /// <summary>
    /// A registry as ARM shapes it per api-version: <c>networkRuleSet.virtualNetworkRules</c> only before 2023-11-01-preview (the
    /// same registry read at both, test/fixtures/reference), <c>networkRuleBypassAllowedForTasks</c> only from 2025-05-01-preview
    /// on (absent from stable 2025-04-01's RegistryProperties; defined with default false in 2025-11-01). Other documents as stored.
    /// </summary>
    private static JsonObject AtApiVersion(JsonObject document, string apiVersion)
    {
        if (!string.Equals((string?)document["type"], "Microsoft.ContainerRegistry/registries", StringComparison.OrdinalIgnoreCase)
            || apiVersion.Length < 10 || document["properties"] is not JsonObject) return document;
        var shaped = document.DeepClone().AsObject();
        var properties = shaped["properties"]!.AsObject();
        var date = apiVersion[..10];
        if (string.CompareOrdinal(date, "2023-11-01") >= 0) (properties["networkRuleSet"] as JsonObject)?.Remove("virtualNetworkRules");
        if (string.CompareOrdinal(date, "2025-05-01") < 0) properties.Remove("networkRuleBypassAllowedForTasks");
        else properties["networkRuleBypassAllowedForTasks"] ??= false;
        return shaped;
    }

    private ArmFault? NextFault(string path, string apiVersion)
    {
        foreach (var fault in _options.Faults.Where(f => path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)
                                                         && (f.ApiVersion is null || f.ApiVersion == apiVersion)))
            if (_faultCounts.AddOrUpdate(fault, 1, (_, n) => n + 1) <= fault.Times) return fault;
        return null;
    }

    private static async Task FaultAsync(HttpContext context, ArmFault fault, string path)
    {
        if (fault.Hang) { await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }); return; }
        if (fault.EndlessBody) { await HostileAnswers.EndlessBodyAsync(context); return; }
        if (fault.Malformed) { context.Response.ContentType = "application/json"; await context.Response.WriteAsync("{\"id\": \"" + path + "\", \"properties\": {"); return; }
        if (fault.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString();
        var message = fault.EchoAuthorization ? HostileAnswers.EchoingAuthorization(context) : fault.Status == 403
            ? $"The client 'tester@contoso.example' with object id '00000000-0000-0000-0000-0000000000aa' does not have authorization to perform action '{ActionFor(path)}' over scope '{path}' or the scope is invalid."
            : $"Injected {fault.Status} for {path}.";
        await ErrorAsync(context, fault.Status, fault.ErrorCode, message);
    }

    private static string ActionFor(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return string.Join('/', new[] { segments[providers + 1] }.Concat(segments.Skip(providers + 2).Where((_, i) => i % 2 == 0))) + "/read";
    }

    /// <summary>Cloud Shell's MSI endpoint: POST form resource=…, header Metadata: true.</summary>
    private async Task TokenAsync(HttpContext context)
    {
        if (context.Request.Headers["Metadata"] != "true") { await ErrorAsync(context, 400, "BadRequest", "Metadata header required."); return; }
        await JsonAsync(context, new JsonObject
        {
            ["access_token"] = _options.AccessToken,
            ["expires_on"] = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(),
            ["resource"] = "https://management.core.windows.net/",
            ["token_type"] = "Bearer",
        });
    }

    private static Task ErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        return JsonAsync(context, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, status);
    }

    private static async Task JsonAsync(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
