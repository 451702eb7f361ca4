using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Logs;
using AcrNetCheck.Core.Collection.Probes;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Diagnosis;

/// <summary>What every run is given besides its own arguments: its --timeout, when it began, the environment, where to log.</summary>
public sealed record RunSettings
{
    /// <summary>--timeout; the run's one <see cref="CollectionDeadline"/> is derived from it.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>When the run began (the process start for the CLI): start-up time counts against the timeout too.</summary>
    public DateTimeOffset StartedAt { get; init; } = DateTimeOffset.Now;

    /// <summary>The process environment (the Azure CLI's configuration folder, proxies, the service-tag cache folder).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public ICollectionLog Log { get; init; } = NullCollectionLog.Instance;

    /// <summary>Told what is being read, for a progress display; null shows none.</summary>
    public IRunProgress? Progress { get; init; }

    /// <summary>Recorded in every bundle (<c>tool.version</c>).</summary>
    public string ToolVersion { get; init; } = "0.0.0";
}

/// <summary>Which sources a run over one registry reads; ARM comes first, the others use what it finds.</summary>
[Flags]
public enum EvidenceSources
{
    /// <summary>The registry and everything its network path depends on, from ARM.</summary>
    Arm = 1,
    /// <summary>DNS, TCP, TLS, /v2/ and proxies from this machine.</summary>
    Probes = 2,
    /// <summary>The registry's login events from Log Analytics.</summary>
    LoginEvents = 4,
    All = Arm | Probes | LoginEvents,
}

/// <summary><c>diagnose</c>, <c>collect</c> and <c>logs</c>: one registry read from Azure.</summary>
public sealed record DiagnosisRequest
{
    /// <summary>The registry as named on the command line (-n, -g, --subscription, --cloud, --auth).</summary>
    public required CollectionRequest Target { get; init; }

    public required RunSettings Run { get; init; }

    public EvidenceSources Sources { get; init; } = EvidenceSources.All;

    /// <summary>The error the failing client printed (<c>diagnose --error</c>), already explained: its values become evidence.</summary>
    public Explain.Explanation? ReportedError { get; init; }

    /// <summary>Where the client is (--from, --aks); a cluster given by name is found once signed in.</summary>
    public VantageSource? Source { get; init; }

    /// <summary>
    /// --remote-probe: the client-side probes run on the --from VM (Run Command) or in the --aks cluster (its runCommand)
    /// instead of on this machine.
    /// </summary>
    public bool RemoteProbe { get; init; }

    /// <summary>--since: the window of login events.</summary>
    public TimeSpan Since { get; init; } = LoginEventsCollector.DefaultSince;

    /// <summary>--pull-test: the probes also walk the real pull path, as the run's signed-in identity.</summary>
    public Collection.Probes.Pull.PullTestRequest? PullTest { get; init; }
}

/// <summary><c>probe</c>: the client-side probes alone, without Azure access.</summary>
public sealed record ProbeRequest
{
    public required RunSettings Run { get; init; }

    /// <summary>The bundle to start from (--bundle), whose ARM evidence names the endpoints; null starts empty.</summary>
    public EvidenceBundle? StartFrom { get; init; }

    /// <summary>The login server to probe (given, else the bundle's), already checked.</summary>
    public required string LoginServer { get; init; }

    public ProbeOptions Options { get; init; } = new();
}

/// <summary><c>scan</c>: every registry in scope, through Azure Resource Graph.</summary>
public sealed record ScanRequest
{
    public required RunSettings Run { get; init; }
    public string? Cloud { get; init; }
    public string? Auth { get; init; }
    public IReadOnlyList<string> Subscriptions { get; init; } = [];
    public IReadOnlyList<string> ManagementGroups { get; init; } = [];

    /// <summary>A checked KQL condition (--query-filter), or null.</summary>
    public string? QueryFilter { get; init; }

    /// <summary>--probe: also run the client-side probes for every registry.</summary>
    public bool Probe { get; init; }

    /// <summary>Handed each registry's bundle before it is analyzed and dropped (--out-dir writes it).</summary>
    public Func<EvidenceBundle, CancellationToken, ValueTask>? OnBundle { get; init; }

    /// <summary>Told the number of registries analyzed so far.</summary>
    public IProgress<int>? Progress { get; init; }
}
