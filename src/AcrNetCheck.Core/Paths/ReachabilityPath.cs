using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules;

namespace AcrNetCheck.Core.Paths;

/// <summary>How one step of a path looks from configuration.</summary>
public enum StepStatus
{
    /// <summary>The step lets the traffic through as intended.</summary>
    Ok,
    /// <summary>The traffic gets through, but not as intended or only under a stated assumption.</summary>
    Warning,
    /// <summary>The evidence cannot decide the step: <see cref="PathStep.Needs"/> says what would.</summary>
    Unknown,
    Blocked,
    /// <summary>The step does not apply (e.g. nothing to weigh after a name that does not resolve).</summary>
    Skipped,
}

public enum PathVerdict { Reachable, Blocked, Unknown }

/// <summary>
/// One step of a path (dns, nsg, route, access) as decided from configuration: a short label, a sentence with the evidence
/// behind it, the rule that names the cause when one does, and for an undecided step what would decide it.
/// </summary>
public record PathStep
{
    public const string Dns = "dns", Nsg = "nsg", Route = "route", Access = "access";

    public required string Step { get; init; }
    public required StepStatus Status { get; init; }
    /// <summary>"DNS private 10.1.0.4", "NSG allow (rule 'AllowAcr' 200)", "route firewall 10.0.0.4".</summary>
    public required string Label { get; init; }
    /// <summary>The label with the status mark, as the one-line path summary shows it.</summary>
    public string Summary => $"{Label} {Mark(Status)}";
    /// <summary>What was found, in a sentence naming the resources and values it comes from.</summary>
    public required string Detail { get; init; }
    /// <summary>The rule whose finding explains this step, when one does.</summary>
    public string? RuleId { get; init; }
    /// <summary>What the step takes for granted because ARM cannot show it.</summary>
    public IReadOnlyList<string> Assumptions { get; init; } = [];
    /// <summary>What would decide the step, when the evidence cannot.</summary>
    public SkipReason? Needs { get; init; }
    public IReadOnlyList<EvidenceRef> Evidence { get; init; } = [];

    public static string Mark(StepStatus status) => status switch
    {
        StepStatus.Ok => "✓",
        StepStatus.Warning => "⚠",
        StepStatus.Blocked => "✗",
        StepStatus.Unknown => "?",
        _ => "–",
    };
}

/// <summary>The DNS step, with the predicted answer.</summary>
internal sealed record DnsStep : PathStep
{
    /// <summary><c>azure-provided</c> or <c>custom</c>.</summary>
    public required string Resolver { get; init; }
    public IReadOnlyList<string> DnsServers { get; init; } = [];
    /// <summary>The VNet whose zone links decide the answer: the source's own, or the one its custom DNS servers sit in.</summary>
    public string? ResolvingVirtualNetworkId { get; init; }
    /// <summary>The privatelink zone linked there, when one is.</summary>
    public string? ZoneId { get; init; }
    /// <summary><c>private</c>, <c>public</c>, <c>nxdomain</c> or <c>unknown</c>.</summary>
    public required string Answer { get; init; }
    public string? Address { get; init; }
    /// <summary>The answer leads away from an approved private endpoint (public or no answer where a private one was due).</summary>
    public bool BypassesPrivateEndpoint { get; init; }
    /// <summary>The name resolved.</summary>
    [Newtonsoft.Json.JsonIgnore] public string? Host { get; init; }
    /// <summary>The record the linked zone must hold for the name, relative to the zone ("contoso.eastus.data").</summary>
    [Newtonsoft.Json.JsonIgnore] public string? RecordName { get; init; }
    /// <summary>The private endpoints' addresses for the name: what its record must hold.</summary>
    [Newtonsoft.Json.JsonIgnore] public IReadOnlyList<string> ExpectedAddresses { get; init; } = [];
    /// <summary>The record set that answered, when one did.</summary>
    [Newtonsoft.Json.JsonIgnore] internal Evidence.Arm.ARecordSetView? Record { get; init; }
}

/// <summary>The NSG step: each NSG weighed, in the order Azure applies them.</summary>
internal sealed record NsgStep : PathStep
{
    public string? Source { get; init; }
    /// <summary>The source as a finding names it ("subnet aks-nodes (10.2.0.0/22)", or the client NIC's address).</summary>
    [Newtonsoft.Json.JsonIgnore]
    public string? SourceLabel { get; init; }
    public string? Destination { get; init; }
    public string? DestinationTag { get; init; }
    public IReadOnlyList<NsgMatch> Matches { get; init; } = [];
}

/// <summary>The rule of one NSG that decided the flow (null rule when none could).</summary>
internal sealed record NsgMatch(string NsgId, string Attachment, string Decision, string? RuleName, int? Priority, string? Access, bool IsDefaultRule);

/// <summary>The route step: the route that wins, or the system route when none does.</summary>
internal sealed record RouteStep : PathStep
{
    public string? RouteTableId { get; init; }
    public string? RouteName { get; init; }
    public string? AddressPrefix { get; init; }
    /// <summary>The next hop type (<c>Internet</c>, <c>VirtualAppliance</c>, <c>None</c>, …); for a system route, what it leads to.</summary>
    public required string NextHopType { get; init; }
    public string? NextHopIpAddress { get; init; }
}

/// <summary>
/// Whether a client in one or more source subnets reaches one registry endpoint, and exactly why, from configuration alone.
/// Identical results of several subnets are one path listing them all.
/// </summary>
public sealed record ReachabilityPath
{
    public required IReadOnlyList<string> SourceSubnetIds { get; init; }
    /// <summary>The subnets by name (vnet/subnet where names repeat).</summary>
    public required IReadOnlyList<string> Sources { get; init; }
    public required string Destination { get; init; }
    public required string Purpose { get; init; }
    public string? Region { get; init; }
    public required PathVerdict Verdict { get; init; }
    /// <summary>The first blocking step, when blocked.</summary>
    public string? BlockedAt { get; init; }
    /// <summary>The rule naming the cause: the blocking step's, else the first step's that has one.</summary>
    public string? RuleId { get; init; }
    /// <summary>What would decide an unknown verdict.</summary>
    public IReadOnlyList<SkipReason> Missing { get; init; } = [];
    public required IReadOnlyList<PathStep> Steps { get; init; }
    /// <summary>"subnet aks-nodes → contoso.azurecr.io: DNS private 10.1.0.4 ✓ · NSG allow (rule 'AllowAcr' 200) ✓ · route internet ✓ · verdict reachable".</summary>
    public required string Summary { get; init; }
}
