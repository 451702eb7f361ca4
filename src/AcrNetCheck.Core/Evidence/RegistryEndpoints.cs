namespace AcrNetCheck.Core.Evidence;

/// <summary>A name a client must reach to push or pull, and why.</summary>
public sealed record RegistryEndpoint(string Host, string Purpose, string? Region);

/// <summary>
/// Every FQDN a client firewall must allow for a registry, derived from its ARM configuration.
/// Source: learn.microsoft.com/azure/container-registry/container-registry-firewall-access-rules
/// (REST on the login server; layers on <c>&lt;name&gt;.&lt;region&gt;.data.azurecr.io</c> with dedicated data endpoints or on
/// the registry's storage <c>*.blob.core.windows.net</c> without them).
/// </summary>
internal static class RegistryEndpoints
{
    public static IReadOnlyList<RegistryEndpoint> For(EvidenceView evidence)
    {
        var endpoints = new List<RegistryEndpoint>();
        var registry = evidence.Registry;
        if (evidence.LoginServer is { } login)
            endpoints.Add(new RegistryEndpoint(login, EndpointPurpose.LoginServer, NormalizeRegion(registry?.Location)));

        if (registry is not null)
        {
            if (evidence.DataEndpointsExpected)
            {
                foreach (var region in evidence.Regions)
                    endpoints.Add(new RegistryEndpoint(DataEndpointHost(evidence, region), EndpointPurpose.DataEndpoint, region));
                foreach (var host in registry.DataEndpointHostNames.Where(h => endpoints.All(e => !Same(e.Host, h))))
                    endpoints.Add(new RegistryEndpoint(host, EndpointPurpose.DataEndpoint, RegionOfDataEndpoint(host)));
            }
            else
            {
                // A pull test (probe --pull-test) learned the registry's real storage account from a blob redirect: that host,
                // probed, stands for the storage hop instead of the wildcard nobody can probe.
                var probed = (evidence.Bundle.Probes?.Endpoints ?? []).Where(p => p.Purpose == EndpointPurpose.Storage)
                    .Select(p => new RegistryEndpoint(p.Host, EndpointPurpose.Storage, p.Region)).ToList();
                endpoints.AddRange(probed.Count > 0 ? probed : [new RegistryEndpoint("*." + StorageSuffix(evidence.Bundle.Target.Cloud), EndpointPurpose.Storage, null)]);
            }
            if (registry.RegionalEndpointsEnabled)
                foreach (var host in registry.RegionalEndpointHostNames)
                    endpoints.Add(new RegistryEndpoint(host, EndpointPurpose.RegionalEndpoint, null));
        }

        // Hosts the probes looked at that configuration did not name (e.g. --data-endpoint) are endpoints too.
        foreach (var probe in evidence.Bundle.Probes?.Endpoints ?? [])
            if (endpoints.All(e => !Same(e.Host, probe.Host)))
                endpoints.Add(new RegistryEndpoint(probe.Host, probe.Purpose, probe.Region));
        return endpoints;
    }

    /// <summary><c>&lt;name&gt;.&lt;region&gt;.data.&lt;suffix&gt;</c>, as ARM lists it in dataEndpointHostNames.</summary>
    public static string DataEndpointHost(EvidenceView evidence, string region)
    {
        var listed = evidence.Registry?.DataEndpointHostNames.FirstOrDefault(h => RegionOfDataEndpoint(h) == region);
        return listed ?? $"{evidence.RegistryName.ToLowerInvariant()}.{region}.data.{evidence.LoginServerSuffix}";
    }

    public static string? RegionOfDataEndpoint(string host)
    {
        var labels = host.Split('.');
        return labels.Length > 3 && labels[2].Equals("data", StringComparison.OrdinalIgnoreCase) ? labels[1].ToLowerInvariant() : null;
    }

    /// <summary>ARM locations come as "eastus" or "East US"; endpoints use the compact lower-case form.</summary>
    public static string? NormalizeRegion(string? location) => location?.Replace(" ", "").ToLowerInvariant();

    private static string StorageSuffix(string? cloud) => cloud switch
    {
        "AzureChinaCloud" => "blob.core.chinacloudapi.cn",
        "AzureUSGovernment" => "blob.core.usgovcloudapi.net",
        _ => "blob.core.windows.net",
    };

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
