using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Evidence;

/// <summary>Without dedicated data endpoints, layers come from the registry's storage: which host stands for that hop.</summary>
public class StorageEndpointTests
{
    [Fact]
    public void WithoutAPullTest_TheStorageHopIsTheWildcard()
    {
        var storage = Assert.Single(EvidenceBuilder.Create().Registry().HealthyProbe().View().Endpoints, e => e.Purpose == EndpointPurpose.Storage);

        Assert.Equal("*.blob.core.windows.net", storage.Host);
    }

    [Fact]
    public void ThePullTestsProbedStorageHost_ReplacesTheWildcard()
    {
        var evidence = EvidenceBuilder.Create().Registry().HealthyProbe()
            .HealthyProbe("contosoeastus.blob.core.windows.net", "20.60.1.4", EndpointPurpose.Storage, "eastus").View();

        var storage = Assert.Single(evidence.Endpoints, e => e.Purpose == EndpointPurpose.Storage);

        Assert.Equal(("contosoeastus.blob.core.windows.net", "eastus"), (storage.Host, storage.Region));
    }
}
