using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;

using AcrNetCheck.Core.Paths;

namespace AcrNetCheck.Core.Paths.Hops;

/// <summary>
/// Where a client's packets go once the name is resolved: a private endpoint address, or the public addresses of the
/// endpoint's service in its region (AzureContainerRegistry, or Storage for the registry's blob storage).
/// </summary>
internal sealed record PathTarget(string? Address, string? Tag, string Service, string? Region, string Words)
{
    public bool IsPrivate => Tag is null;

    public static PathTarget Private(string address) => new(address, null, ServiceTagMatcher.ContainerRegistry, null, $"the private endpoint {address}");

    public static PathTarget Public(EvidenceView evidence, RegistryEndpoint endpoint)
    {
        var service = endpoint.Purpose == EndpointPurpose.Storage ? ServiceTagMatcher.Storage : ServiceTagMatcher.ContainerRegistry;
        var region = endpoint.Region ?? RegistryEndpoints.NormalizeRegion(evidence.Registry?.Location);
        var destination = PublicDestination.For(ServiceTagMatcher.For(evidence), service, region);
        return new(destination.Address, destination.Tag, service, region, $"the public addresses of {endpoint.Host} ({destination.Tag})");
    }
}
