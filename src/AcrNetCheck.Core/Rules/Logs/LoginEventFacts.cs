using System.Globalization;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Logs;

internal enum LoginEventKind { Success, NetworkDenied, AuthenticationFailed, OtherFailure }

/// <summary>
/// Reads the server-side summary of ContainerRegistryLoginEvents the way the logs and auth rules both need it: each group
/// classified as a success, a network denial (403, "not allowed access") or an authentication failure (401), summed per caller IP.
/// </summary>
internal static class LoginEventFacts
{
    /// <summary>Subject of events whose caller address was not logged.</summary>
    public const string UnknownCaller = "unknown-caller";

    // ACR answers a client outside its network rules with "403 Forbidden: client with IP '<ip>' is not allowed access".
    private static readonly string[] NetworkDenialWords = ["not allowed access", "denied"];
    private static readonly string[] AuthenticationWords = ["unauthorized", "authentication required", "invalid credentials"];

    public static LoginEventKind Classify(LoginEventGroup group)
    {
        var status = StatusCode(group);
        if (status == 403) return LoginEventKind.NetworkDenied;
        if (status == 401) return LoginEventKind.AuthenticationFailed;
        if (status is >= 200 and < 300) return LoginEventKind.Success;
        var text = group.ResultDescription ?? "";
        if (NetworkDenialWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))) return LoginEventKind.NetworkDenied;
        if (AuthenticationWords.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase))) return LoginEventKind.AuthenticationFailed;
        return LoginEventKind.OtherFailure;
    }

    /// <summary>The groups of one kind, summed per caller IP, in order of first appearance.</summary>
    public static IReadOnlyList<CallerLoginEvents> ByCaller(LoginEventsEvidence events, LoginEventKind kind) =>
        events.Groups.Where(g => Classify(g) == kind)
            .GroupBy(g => string.IsNullOrWhiteSpace(g.CallerIpAddress) ? UnknownCaller : g.CallerIpAddress.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new CallerLoginEvents(g.Key, g.ToList()))
            .ToList();

    /// <summary>
    /// The network denials per caller, each with what <see cref="AzureCallers"/> makes of it, worked out once per analysis:
    /// those from an Azure service are <c>logs.azure-service-denied</c>'s, the others <c>logs.denied-logins</c>'s.
    /// </summary>
    public static IReadOnlyList<DeniedCaller> NetworkDenials(EvidenceView evidence, LoginEventsEvidence events) =>
        evidence.Derived((nameof(NetworkDenials), events), e => (IReadOnlyList<DeniedCaller>)ByCaller(events, LoginEventKind.NetworkDenied)
            .Select(c => new DeniedCaller(c, e.AzureCaller(c.HasAddress ? c.CallerIp : null, c.Identities))).ToList());

    /// <summary>The denials whose caller is an Azure service (an ACR task's identity, an AzureContainerRegistry address).</summary>
    public static IEnumerable<AzureServiceDenial> AzureServiceDenials(EvidenceView evidence, LoginEventsEvidence events) =>
        NetworkDenials(evidence, events).Where(d => d.Caller is { IsAzureService: true }).Select(d => new AzureServiceDenial(d.Events, d.Caller!));

    /// <summary>
    /// Why a rule on login events cannot run: the last failed login-events query (naming its permission) when one was
    /// attempted, else <c>needs:loginEvents</c>.
    /// </summary>
    public static RuleResult Missing(EvidenceView evidence) =>
        RuleResult.Skip(evidence.MissingReason(evidence.CollectionErrors.LastOrDefault(e => e.Read == "loginEvents")?.ResourceId, "loginEvents"));

    /// <summary>Where the events came from, for <see cref="EvidenceRef.Source"/>: the workspaces queried, or the registry queried resource-centric.</summary>
    public static string Source(LoginEventsEvidence events)
    {
        var sources = events.Workspaces.Append(events.ResourceCentric).OfType<string>().ToList();
        return sources.Count > 0 ? string.Join(", ", sources) : "loginEvents";
    }

    /// <summary>The HTTP status from ResultType ("403"), else from the description's leading code ("403 Forbidden: …").</summary>
    private static int? StatusCode(LoginEventGroup group)
    {
        if (int.TryParse(group.ResultType, NumberStyles.None, CultureInfo.InvariantCulture, out var code)) return code;
        var description = group.ResultDescription ?? "";
        return description.Length >= 3 && int.TryParse(description.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out code) ? code : null;
    }
}

/// <summary>One caller's network denials and, when the evidence places the caller in Azure, what it is there.</summary>
internal sealed record DeniedCaller(CallerLoginEvents Events, AzureCaller? Caller);

internal sealed record AzureServiceDenial(CallerLoginEvents Events, AzureCaller Caller);

/// <summary>All login event groups of one kind from one caller IP.</summary>
internal sealed record CallerLoginEvents(string CallerIp, IReadOnlyList<LoginEventGroup> Groups)
{
    public bool HasAddress => CallerIp != LoginEventFacts.UnknownCaller;

    public long Count => Groups.Sum(g => g.Count);

    public IReadOnlyList<string> Identities =>
        Groups.Select(g => g.Identity).OfType<string>().Where(i => i.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Distinct results, e.g. "403 Forbidden: client with IP '203.0.113.7' is not allowed access".</summary>
    public IReadOnlyList<string> Results =>
        Groups.Select(g => g.ResultDescription ?? g.ResultType).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public DateTimeOffset? FirstSeen => Groups.Min(g => g.FirstSeen);
    public DateTimeOffset? LastSeen => Groups.Max(g => g.LastSeen);

    /// <summary>"20.1.2.3 (public)", or "an unrecorded address".</summary>
    public string Caller => HasAddress ? FindingText.Address(CallerIp) : "an unrecorded address";

    /// <summary>"5 login(s) from 203.0.113.7 (public) as ci-pipeline between 2026-11-24 08:00 UTC and 2026-11-24 09:30 UTC".</summary>
    public string Summary
    {
        get
        {
            var who = Identities.Count > 0 ? $" as {FindingText.List(Identities)}" : "";
            var when = FirstSeen is { } first && LastSeen is { } last ? $" between {Format(first)} and {Format(last)}" : "";
            return $"{Count} login(s) from {Caller}{who}{when}";
        }
    }

    public string EvidencePath => $"loginEvents.groups[callerIpAddress={CallerIp}]";

    public EvidenceRef EvidenceFrom(string source) => new(source, EvidencePath, FindingText.List(Results), "200 OK");

    private static string Format(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
