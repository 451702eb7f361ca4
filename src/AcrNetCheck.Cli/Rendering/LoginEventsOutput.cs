using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>
/// What <c>logs</c> prints: the login-events summary of one registry, with what could not be read. The groups are the
/// bundle's <c>loginEvents.groups</c> as collected; nothing is judged here.
/// </summary>
public sealed record LoginEventsOutput(
    string? Registry,
    string? LoginServer,
    string? Timespan,
    IReadOnlyList<string> Workspaces,
    string? ResourceCentric,
    IReadOnlyList<LoginEventGroup> Groups,
    IReadOnlyList<CollectionError> CollectionErrors)
{
    /// <summary>The columns of <c>-o table | tsv | markdown</c>: one row per group.</summary>
    public static readonly string[] GroupColumns = ["callerIpAddress", "identity", "resultType", "count", "firstSeen", "lastSeen"];

    public static LoginEventsOutput From(EvidenceBundle bundle, TimeSpan since) => new(
        bundle.Target.ResourceId,
        bundle.Target.LoginServer,
        bundle.LoginEvents?.Timespan ?? System.Xml.XmlConvert.ToString(since),
        bundle.LoginEvents?.Workspaces ?? [],
        bundle.LoginEvents?.ResourceCentric,
        bundle.LoginEvents?.Groups ?? [],
        bundle.CollectionErrors);
}
