using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence;

/// <summary>
/// The contract between collecting and analyzing: everything the rules may read, as one versioned JSON document.
/// ARM documents are kept exactly as ARM returned them so a new rule can read a new field without a schema change.
/// </summary>
public sealed class EvidenceBundle
{
    public const string CurrentSchemaVersion = "1.0";

    public string SchemaVersion { get; set; } = CurrentSchemaVersion;

    /// <summary>Free text saying what this bundle shows; samples use it, collectors leave it empty.</summary>
    public string? Description { get; set; }

    public ToolInfo? Tool { get; set; }

    public DateTimeOffset? CollectedAt { get; set; }

    /// <summary>What the user asked about, as they named it.</summary>
    public RegistryTarget Target { get; set; } = new();

    public ArmEvidence? Arm { get; set; }

    public ServiceTagEvidence? ServiceTags { get; set; }

    public ProbeEvidence? Probes { get; set; }

    public VantageEvidence? Vantage { get; set; }

    public LoginEventsEvidence? LoginEvents { get; set; }

    public List<CollectionError> CollectionErrors { get; set; } = new();
}

public sealed class ToolInfo
{
    public string Name { get; set; } = "acr-netcheck";
    public string? Version { get; set; }
}

public sealed class RegistryTarget
{
    public string? Name { get; set; }
    public string? ResourceId { get; set; }
    public string? LoginServer { get; set; }
    /// <summary>Azure cloud name (AzureCloud, AzureChinaCloud, AzureUSGovernment or a custom cloud).</summary>
    public string? Cloud { get; set; }
    /// <summary>Suffix of login servers in that cloud, e.g. <c>azurecr.io</c>.</summary>
    public string? LoginServerSuffix { get; set; }
}

/// <summary>
/// ARM documents as returned. <see cref="Resources"/> is keyed by resource id;
/// <see cref="Lists"/> is keyed by the collection path that was listed (e.g. <c>{zoneId}/A</c>,
/// <c>{registryId}/replications</c>) and holds the ids of the members, so "listed and empty" differs from "not read".
/// </summary>
public sealed class ArmEvidence
{
    /// <summary>api-version the registry was read with (virtualNetworkRules vanish on newer ones).</summary>
    public string? RegistryApiVersion { get; set; }

    public JObject? Registry { get; set; }

    /// <summary>
    /// The registry read a second time with <see cref="RegistryCurrentApiVersion"/>, as ARM returned it, for the fields the
    /// first read's api-version does not return (<c>networkRuleBypassAllowedForTasks</c>); null when that read was not made
    /// or failed. It lacks virtualNetworkRules, so rules read the network rules from <see cref="Registry"/>.
    /// </summary>
    public JObject? RegistryCurrent { get; set; }

    public string? RegistryCurrentApiVersion { get; set; }

    /// <summary>The <see cref="CollectionError.Read"/> of the <see cref="RegistryCurrent"/> read, for rules to find its failure.</summary>
    public const string RegistryCurrentRead = "registryCurrent";

    public Dictionary<string, JObject> Resources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, List<string>> Lists { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a collector left out on purpose, keyed like <see cref="Lists"/> (or by resource id), with why: the fleet scan does
    /// not read a private endpoint's DNS zone groups when a privatelink zone linked where its VNet resolves answers whatever
    /// they name. Neither "not read" (rules would skip) nor a failure (<see cref="EvidenceBundle.CollectionErrors"/>):
    /// <see cref="EvidenceView.MissingReason"/> gives <c>not-applicable:</c> for them. Null (absent) when nothing was left out.
    /// </summary>
    public Dictionary<string, string>? SkippedReads { get; set; }
}

public sealed class ServiceTagEvidence
{
    public string? ChangeNumber { get; set; }
    public string? Cloud { get; set; }
    /// <summary>Service tag name (e.g. <c>AzureContainerRegistry.EastUS</c>) → address prefixes.</summary>
    public Dictionary<string, List<string>> Tags { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class CollectionError
{
    /// <summary>Which read failed, in words of the evidence kind (e.g. <c>networkSecurityGroup</c>).</summary>
    public string Read { get; set; } = "";
    public string? ResourceId { get; set; }
    public int? Status { get; set; }

    // The code and message are the server's words: scrubbed as they enter evidence (and as a bundle is loaded), so no
    // report, bundle or log line made from them can carry a token a server echoed.
    public string? ErrorCode { get => _errorCode; set => _errorCode = Secrets.SecretScrubber.ScrubNullable(value); }
    public string? Message { get => _message; set => _message = Secrets.SecretScrubber.ScrubNullable(value); }
    private string? _errorCode;
    private string? _message;
    /// <summary>The RBAC action that would let the read succeed, e.g. <c>Microsoft.Network/networkSecurityGroups/read</c>.</summary>
    public string? RequiredPermission { get; set; }
}
