namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>
/// Reads the bundle's service tags (name → prefixes, from the "Azure IP Ranges and Service Tags" download) the way NSG rules
/// and routes name them: case-insensitively ("AzureCloud.eastus" and "AzureContainerRegistry.EastUS" both occur in the
/// download), as <c>Service</c> or <c>Service.Region</c>.
/// </summary>
internal sealed class ServiceTagMatcher
{
    /// <summary>The tag of the registry's public REST and data endpoints (container-registry-firewall-access-rules).</summary>
    public const string ContainerRegistry = "AzureContainerRegistry";

    /// <summary>The tag of Azure Storage, where layers download from when dedicated data endpoints are off.</summary>
    public const string Storage = "Storage";

    private readonly IReadOnlyDictionary<string, List<string>> _tags;
    private readonly Dictionary<string, IReadOnlyList<IpPrefix>> _parsed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PrefixIndex> _indexes = new(StringComparer.OrdinalIgnoreCase);

    public ServiceTagMatcher(IReadOnlyDictionary<string, List<string>>? tags) =>
        _tags = tags ?? new Dictionary<string, List<string>>();

    public static ServiceTagMatcher For(EvidenceView evidence) => new(evidence.Bundle.ServiceTags?.Tags);

    /// <summary>The tag's name as the bundle spells it, or null when the bundle lacks it.</summary>
    public string? Find(string tag) => _tags.Keys.FirstOrDefault(k => k.Equals(tag, StringComparison.OrdinalIgnoreCase));

    /// <summary>The tag's prefixes, or null when the bundle lacks the tag.</summary>
    public IReadOnlyList<IpPrefix>? Prefixes(string tag)
    {
        if (Find(tag) is not { } name) return null;
        if (!_parsed.TryGetValue(name, out var prefixes))
            _parsed[name] = prefixes = _tags[name].Select(p => IpPrefix.TryParse(p, out var prefix) ? (IpPrefix?)prefix : null).OfType<IpPrefix>().ToList();
        return prefixes;
    }

    /// <summary>
    /// The prefixes the bundle shows a tag to hold: its own, else the union of its regional tags (a regional tag is a subset
    /// of its service's global tag: AzureContainerRegistry.EastUS ⊂ AzureContainerRegistry); null when it has neither.
    /// </summary>
    public IReadOnlyList<IpPrefix>? KnownPrefixes(string tag)
    {
        if (Prefixes(tag) is { } own) return own;
        var regional = _tags.Keys.Where(k => k.StartsWith(tag + ".", StringComparison.OrdinalIgnoreCase)).ToList();
        return regional.Count == 0 ? null : regional.SelectMany(k => Prefixes(k)!).Distinct().ToList();
    }

    /// <summary>
    /// Whether the tag holds <paramref name="address"/>: true or false when the bundle decides it, null when it cannot.
    /// </summary>
    public bool? Contains(string tag, string address)
    {
        if (Index(tag) is { } index && index.Contains(address)) return true;
        if (Prefixes(tag) is not null) return false;
        // The published tags list only globally routable ranges (ServiceTags_Public.json holds no RFC 1918, 100.64/10 or ULA
        // prefix), so no tag holds a private address.
        if (AddressClassifier.IsPrivate(address)) return false;
        return null;
    }

    /// <summary>The tag's known prefixes as an index, built once per tag; null when the bundle knows nothing of the tag.</summary>
    private PrefixIndex? Index(string tag)
    {
        if (_indexes.TryGetValue(tag, out var index)) return index;
        if (KnownPrefixes(tag) is not { } prefixes) return null;
        return _indexes[tag] = PrefixIndex.Build(prefixes);
    }

    /// <summary>"AzureContainerRegistry.EastUS" for eastus or "East US", as the bundle spells it, else in compact form.</summary>
    public string RegionalTag(string service, string region)
    {
        var name = $"{service}.{RegistryEndpoints.NormalizeRegion(region)}";
        return Find(name) ?? name;
    }

    /// <summary>
    /// The registry's public side: the prefixes of <c>AzureContainerRegistry.&lt;region&gt;</c> for each of its regions,
    /// else those of the global tag; empty when the bundle has neither.
    /// </summary>
    public IReadOnlyList<IpPrefix> RegistryPrefixes(IEnumerable<string> regions) => PublicPrefixes(ContainerRegistry, regions);

    /// <summary>A service's prefixes in these regions (<c>Service.&lt;region&gt;</c>), else its global tag's; empty when the bundle has neither.</summary>
    public IReadOnlyList<IpPrefix> PublicPrefixes(string service, IEnumerable<string> regions)
    {
        var regional = regions.SelectMany(r => Prefixes(RegionalTag(service, r)) ?? []).Distinct().ToList();
        return regional.Count > 0 ? regional : Prefixes(service) ?? [];
    }
}
