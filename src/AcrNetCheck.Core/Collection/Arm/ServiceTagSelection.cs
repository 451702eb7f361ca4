using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Arm;

/// <summary>
/// Picks the service tags a bundle needs out of the cloud's full list (thousands of tags, megabytes): the registry's own
/// tags, Azure's ranges in the registry's regions (AzureCloud.&lt;region&gt;, so a refused caller can be told to be a machine in
/// Azure: ACR's task agents run in the registry's region) and those the network rules that were read refer to. Picking is not judging: nothing is dropped that a rule reads.
/// </summary>
internal static class ServiceTagSelection
{
    private const string ContainerRegistry = Evidence.Network.ServiceTagMatcher.ContainerRegistry;

    /// <summary>All of Azure's public ranges; only its regional tags are kept (the global one is 12,000 prefixes, ~250 KB).</summary>
    private const string AzureCloud = "AzureCloud";

    /// <param name="list">The ARM serviceTags response: <c>changeNumber</c>, <c>cloud</c>, <c>values[{name, properties{region, addressPrefixes}}]</c>.</param>
    /// <param name="regions">The registry's and replicas' regions, compact form ("eastus").</param>
    /// <param name="namedByRules">Address prefixes NSG rules and routes use; those that are tag names are kept.</param>
    public static ServiceTagEvidence Select(JObject list, IReadOnlySet<string> regions, IReadOnlySet<string> namedByRules)
    {
        var evidence = new ServiceTagEvidence { ChangeNumber = list.Value<string>("changeNumber"), Cloud = list.Value<string>("cloud") };
        foreach (var tag in (list["values"] as JArray ?? []).OfType<JObject>())
        {
            var name = tag.Value<string>("name") ?? "";
            if (!IsKeptRegionalTag(name, tag.SelectToken("properties.region")?.Value<string>(), regions) && !namedByRules.Contains(name)) continue;
            evidence.Tags[name] = (tag.SelectToken("properties.addressPrefixes") as JArray ?? []).Select(p => p.ToString()).ToList();
        }
        return evidence;
    }

    private static bool IsKeptRegionalTag(string name, string? region, IReadOnlySet<string> regions)
    {
        if (name.Equals(ContainerRegistry, StringComparison.OrdinalIgnoreCase)) return true;
        var service = new[] { ContainerRegistry, AzureCloud }.FirstOrDefault(s => name.StartsWith(s + ".", StringComparison.OrdinalIgnoreCase));
        if (service is null) return false;
        var tagRegion = RegistryEndpoints.NormalizeRegion(region is { Length: > 0 } ? region : name[(service.Length + 1)..]);
        return tagRegion is not null && regions.Contains(tagRegion);
    }

    /// <summary>Every address prefix in NSG rules (source and destination) and route tables: the tag names among them are kept.</summary>
    public static IReadOnlySet<string> NamesUsedIn(IEnumerable<JObject> networkDocuments)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var document in networkDocuments)
            foreach (var property in document.Descendants().OfType<JProperty>().Where(p => p.Name.EndsWith("AddressPrefix", StringComparison.OrdinalIgnoreCase)
                         || p.Name.EndsWith("AddressPrefixes", StringComparison.OrdinalIgnoreCase) || p.Name.Equals("addressPrefix", StringComparison.OrdinalIgnoreCase)))
                foreach (var value in property.Value is JArray many ? many.Select(v => v.ToString()) : [property.Value.ToString()])
                    if (value.Length > 0 && !char.IsDigit(value[0]) && !value.Contains(':') && value != "*") names.Add(value);
        return names;
    }
}
