using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence;

/// <summary>
/// The read-only index rules evaluate against: typed views over the bundle's raw documents, resolved by id, and the
/// derived facts several rules share (regions, expected endpoints, private endpoint addresses). Built once per analysis.
/// </summary>
public sealed class EvidenceView
{
    private readonly Lazy<IReadOnlyList<RegistryEndpoint>> _endpoints;
    private readonly Lazy<IReadOnlyList<PrivateEndpointView>> _privateEndpoints;
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> _privateEndpointAddresses;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<object, Lazy<object>> _derived = new();

    public EvidenceView(EvidenceBundle bundle)
    {
        Bundle = bundle;
        if (bundle.Arm?.Registry is { } document)
        {
            RegistryShapeProblem = RegistryView.ShapeProblem(document);
            Registry = RegistryShapeProblem is null ? new RegistryView(document) : null;
        }
        _endpoints = new(() => RegistryEndpoints.For(this));
        _privateEndpoints = new(() => (Registry?.PrivateEndpointConnections ?? [])
            .Select(c => Resource<PrivateEndpointView>(c.PrivateEndpointId)).OfType<PrivateEndpointView>().ToList());
        _privateEndpointAddresses = new(CollectPrivateEndpointAddresses);
    }

    public EvidenceBundle Bundle { get; }

    /// <summary>
    /// A fact derived from the whole bundle, computed once per view however many rules ask (the reachability paths: every
    /// path-shaped rule maps them). <paramref name="key"/> identifies the fact; <paramref name="compute"/> must be pure.
    /// </summary>
    public T Derived<T>(object key, Func<EvidenceView, T> compute) where T : class =>
        (T)_derived.GetOrAdd(key, _ => new Lazy<object>(() => compute(this))).Value;

    /// <summary>Null when ARM was not read (probe-only bundles), the registry read failed, or its document is malformed.</summary>
    public RegistryView? Registry { get; }

    /// <summary>
    /// <c>networkRuleBypassAllowedForTasks</c>: from the registry read at a current api-version (<c>arm.registryCurrent</c>),
    /// else from the first read's document (bundles that carry it there); null when neither returned it — unknown, never false.
    /// </summary>
    public bool? NetworkRuleBypassAllowedForTasks =>
        (Bundle.Arm?.RegistryCurrent is { } current ? new RegistryView(current).NetworkRuleBypassAllowedForTasks : null)
        ?? Registry?.NetworkRuleBypassAllowedForTasks;

    /// <summary>Why the registry document that is there cannot be read (a field of the wrong JSON type), or null.</summary>
    public string? RegistryShapeProblem { get; }

    /// <summary>The registry's name as the evidence gives it (ARM, the target, or the login server's first label); null when nothing names it.</summary>
    public string? KnownRegistryName =>
        Registry?.Name ?? Bundle.Target.Name ?? Bundle.Target.LoginServer?.Split('.')[0];

    /// <summary>The name for messages and commands: <see cref="KnownRegistryName"/>, else the placeholder a person fills in.</summary>
    public string RegistryName => KnownRegistryName ?? "<registry>";

    public string? LoginServer =>
        Registry?.LoginServer ?? Bundle.Target.LoginServer ?? (Bundle.Target.Name is { } n ? $"{n.ToLowerInvariant()}.{LoginServerSuffix}" : null);

    public string LoginServerSuffix
    {
        get
        {
            if (Bundle.Target.LoginServerSuffix is { } suffix) return suffix;
            var loginServer = Registry?.LoginServer ?? Bundle.Target.LoginServer;
            var dot = loginServer?.IndexOf('.') ?? -1;
            return dot > 0 ? loginServer![(dot + 1)..] : "azurecr.io";
        }
    }

    public string? RegistryId => Registry?.Id ?? Bundle.Target.ResourceId;

    public IReadOnlyList<CollectionError> CollectionErrors => Bundle.CollectionErrors;

    public T? Resource<T>(string? id) where T : ArmView =>
        id is not null && Bundle.Arm?.Resources.TryGetValue(id.TrimEnd('/'), out var doc) == true
            ? (T)Activator.CreateInstance(typeof(T), doc)!
            : null;

    public JObject? RawResource(string? id) =>
        id is not null && Bundle.Arm?.Resources.TryGetValue(id, out var doc) == true ? doc : null;

    /// <summary>Ids listed under an ARM collection path, or null when that collection was not read.</summary>
    public IReadOnlyList<string>? List(string key) =>
        Bundle.Arm?.Lists.TryGetValue(key, out var ids) == true ? ids : null;

    /// <summary>The members of a listed collection that are present as resources, or null when the list was not read.</summary>
    public IReadOnlyList<T>? ListOf<T>(string key) where T : ArmView =>
        List(key)?.Select(Resource<T>).OfType<T>().ToList();

    /// <summary>The collection error recorded for a resource id or list path, if any.</summary>
    public CollectionError? ErrorFor(string? idOrListKey) =>
        idOrListKey is null ? null : CollectionErrors.FirstOrDefault(e => ResourceId.AreEqual(e.ResourceId, idOrListKey));

    /// <summary>Why the collector left a read out on purpose (<c>arm.skippedReads</c>), or null when it did not.</summary>
    public string? SkippedRead(string? idOrListKey) =>
        idOrListKey is not null && Bundle.Arm?.SkippedReads?.TryGetValue(idOrListKey, out var why) == true ? why : null;

    /// <summary>
    /// Why a rule cannot run: <c>not-applicable:…</c> when the collector left the read out on purpose (saying why),
    /// <c>collection-failed:…</c> when the read was attempted and failed (naming the permission), else <c>needs:&lt;what&gt;</c>.
    /// </summary>
    public SkipReason MissingReason(string? idOrListKey, string what)
    {
        if (RegistryShapeProblem is { } malformed && what == "arm.registry") return SkipReason.Needs($"{what} (the registry document is malformed: {malformed})");
        if (SkippedRead(idOrListKey) is { } why) return SkipReason.NotApplicable($"{what} not read on purpose: {why}");
        var error = ErrorFor(idOrListKey);
        if (error is null) return SkipReason.Needs(what);
        var status = error.Status is { } s ? $"HTTP {s}" : "failed";
        var code = error.ErrorCode is { } c ? $" {c}" : "";
        var permission = error.RequiredPermission is { } p ? $"; needs {p}" : "";
        return SkipReason.CollectionFailed($"{error.Read} ({status}{code}{permission})");
    }

    public IReadOnlyList<ReplicationView>? Replications =>
        RegistryId is { } id ? ListOf<ReplicationView>(ArmPaths.Replications(id)) : null;

    /// <summary>Home region first, then every replica region, in endpoint form ("eastus").</summary>
    public IReadOnlyList<string> Regions
    {
        get
        {
            var regions = new List<string>();
            void Add(string? location) { if (RegistryEndpoints.NormalizeRegion(location) is { Length: > 0 } r && !regions.Contains(r)) regions.Add(r); }
            Add(Registry?.Location);
            foreach (var replica in Replications ?? []) Add(replica.Location);
            foreach (var host in Registry?.DataEndpointHostNames ?? []) Add(RegistryEndpoints.RegionOfDataEndpoint(host));
            return regions;
        }
    }

    public bool IsGeoReplicated => Regions.Count > 1;

    /// <summary>Dedicated data endpoints are in use (private endpoints turn them on for the registry).</summary>
    public bool DataEndpointsExpected =>
        Registry is { } r && (r.DataEndpointEnabled || r.PrivateEndpointConnections.Any(c => c.IsApproved));

    /// <summary>Every FQDN a client must reach, with its purpose and region.</summary>
    public IReadOnlyList<RegistryEndpoint> Endpoints => _endpoints.Value;

    public RegistryEndpoint? EndpointFor(string host) =>
        Endpoints.FirstOrDefault(e => string.Equals(e.Host, host, StringComparison.OrdinalIgnoreCase));

    public EndpointProbe? ProbeFor(string host) =>
        Bundle.Probes?.Endpoints.FirstOrDefault(p => string.Equals(p.Host, host, StringComparison.OrdinalIgnoreCase));

    public EndpointProbe? LoginServerProbe =>
        LoginServer is { } ls ? ProbeFor(ls) : Bundle.Probes?.Endpoints.FirstOrDefault(p => p.Purpose == EndpointPurpose.LoginServer);

    /// <summary>The private endpoints of the registry's connections that were read (any connection state).</summary>
    public IReadOnlyList<PrivateEndpointView> PrivateEndpoints => _privateEndpoints.Value;

    public IReadOnlyList<PrivateEndpointConnection> ApprovedConnections =>
        Registry?.PrivateEndpointConnections.Where(c => c.IsApproved).ToList() ?? [];

    /// <summary>
    /// FQDN → the private IPs approved private endpoints give it, from each endpoint NIC's
    /// <c>privateLinkConnectionProperties.fqdns</c>, else the endpoint's <c>customDnsConfigs</c>.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PrivateEndpointAddresses => _privateEndpointAddresses.Value;

    public IReadOnlyList<string> ExpectedPrivateAddresses(string fqdn) =>
        PrivateEndpointAddresses.TryGetValue(fqdn.TrimEnd('.'), out var ips) ? ips : [];

    /// <summary>The first source subnet: the client's own when probes ran inside a VNet.</summary>
    public SubnetView? VantageSubnet => Resource<SubnetView>(SourceSubnetIds.FirstOrDefault());

    /// <summary>
    /// The subnets to judge reachability from: <c>vantage.subnetId</c> first, then <c>vantage.sourceSubnetIds</c>, without repeats.
    /// Empty when the vantage is not in a VNet.
    /// </summary>
    public IReadOnlyList<string> SourceSubnetIds
    {
        get
        {
            var ids = new List<string>();
            foreach (var id in new[] { Bundle.Vantage?.SubnetId }.Concat(Bundle.Vantage?.SourceSubnetIds ?? []))
                if (id is { Length: > 0 } && !ids.Any(known => ResourceId.AreEqual(known, id))) ids.Add(id);
            return ids;
        }
    }

    public IReadOnlyList<string> ServiceTagPrefixes(string tag) =>
        Bundle.ServiceTags?.Tags.TryGetValue(tag, out var prefixes) == true ? prefixes : [];

    /// <summary>
    /// FQDN → private IPs one private endpoint gives, from its NICs' <c>privateLinkConnectionProperties.fqdns</c>,
    /// else its <c>customDnsConfigs</c> (the NICs are authoritative; the configs may lag).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PrivateEndpointAddressesOf(PrivateEndpointView pe)
    {
        var fromNics = pe.NetworkInterfaceIds.Select(Resource<NetworkInterfaceView>).OfType<NetworkInterfaceView>()
            .SelectMany(nic => nic.IpConfigurations)
            .Where(c => c.PrivateIpAddress is not null)
            .SelectMany(c => c.Fqdns.Select(f => (Fqdn: f, Ip: c.PrivateIpAddress!)))
            .ToList();
        var pairs = fromNics.Count > 0 ? fromNics : pe.CustomDnsConfigs.SelectMany(c => c.IpAddresses.Select(ip => (c.Fqdn, Ip: ip))).ToList();
        return Group(pairs);
    }

    private IReadOnlyDictionary<string, IReadOnlyList<string>> CollectPrivateEndpointAddresses()
    {
        var approved = ApprovedConnections.Select(c => c.PrivateEndpointId).ToHashSet(ResourceId.Comparer!);
        return Group(PrivateEndpoints.Where(p => approved.Contains(p.Id))
            .SelectMany(pe => PrivateEndpointAddressesOf(pe).SelectMany(kv => kv.Value.Select(ip => (Fqdn: kv.Key, Ip: ip))))
            .ToList());
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> Group(IEnumerable<(string Fqdn, string Ip)> pairs) =>
        pairs.Where(p => p.Fqdn.Length > 0 && p.Ip.Length > 0)
            .GroupBy(p => p.Fqdn.TrimEnd('.'), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Ip).Distinct().ToList(), StringComparer.OrdinalIgnoreCase);
}
