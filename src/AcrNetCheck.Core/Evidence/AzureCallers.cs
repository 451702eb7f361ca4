using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Evidence;

internal enum AzureCallerKind
{
    /// <summary>Signed in as the managed identity of one of the registry's ACR tasks.</summary>
    AcrTask,
    /// <summary>From an address in the AzureContainerRegistry service tag: ACR's own shared agents (tasks, <c>az acr build</c> / <c>az acr run</c>).</summary>
    ContainerRegistryService,
    /// <summary>From an address in another Azure range the bundle carries (AzureCloud …): a machine in Azure, shared or the user's own.</summary>
    AzureHosted,
}

/// <summary>An Azure-side caller as the evidence shows it.</summary>
/// <param name="Tag">The service tag holding the address, as the bundle spells it; null when only the identity says so.</param>
/// <param name="TaskId">The ACR task whose managed identity signed in; null otherwise.</param>
/// <param name="Identity">The identity matched to <paramref name="TaskId"/> (principal or client id).</param>
internal sealed record AzureCaller(AzureCallerKind Kind, string? Tag, string? TaskId, string? Identity = null)
{
    /// <summary>An Azure service on shared addresses: no IP rule is the fix, the registry's service settings decide.</summary>
    public bool IsAzureService => Kind is AzureCallerKind.AcrTask or AzureCallerKind.ContainerRegistryService;

    public string? TaskName => TaskId is null ? null : new ResourceId(TaskId).Name;

    /// <summary>"the managed identity of ACR task build-app (address in AzureContainerRegistry.EastUS)" and the like.</summary>
    public string Description => Kind switch
    {
        AzureCallerKind.AcrTask => $"the managed identity of ACR task {TaskName}" + (Tag is null ? "" : $", from an address in the {Tag} service tag"),
        AzureCallerKind.ContainerRegistryService => $"an address in the {Tag} service tag, one of ACR's own shared agents (ACR Tasks, az acr build, az acr run)",
        _ => $"an address in Azure's {Tag} ranges: a machine in Azure",
    };
}

/// <summary>
/// The one place that decides whether a caller is an Azure service rather than a machine the user runs, from what the bundle
/// carries: the registry's ACR tasks' managed identities and the service-tag ranges. The logs, public-access and service
/// rules all ask here, so a caller is judged alike everywhere (and an ACR address is never proposed for an IP rule).
/// </summary>
internal static class AzureCallers
{
    private const string ContainerRegistry = ServiceTagMatcher.ContainerRegistry;

    /// <summary>
    /// The Azure side of a caller: an ACR task's identity among <paramref name="identities"/> first (the most specific),
    /// then the AzureContainerRegistry tag (regional tags before the global one), then any other tag the bundle carries;
    /// null when nothing in the evidence places it in Azure.
    /// </summary>
    public static AzureCaller? AzureCaller(this EvidenceView evidence, string? address, IEnumerable<string>? identities = null)
    {
        var registryTag = address is null ? null : TagHolding(evidence, address, IsContainerRegistryTag);
        foreach (var identity in identities ?? [])
            if (TaskIdentities(evidence).TryGetValue(identity, out var taskId))
                return new AzureCaller(AzureCallerKind.AcrTask, registryTag, taskId, identity);
        if (registryTag is not null) return new AzureCaller(AzureCallerKind.ContainerRegistryService, registryTag, null);
        return address is not null && TagHolding(evidence, address, tag => !IsContainerRegistryTag(tag)) is { } azureTag
            ? new AzureCaller(AzureCallerKind.AzureHosted, azureTag, null)
            : null;
    }

    private static bool IsContainerRegistryTag(string tag) =>
        tag.Equals(ContainerRegistry, StringComparison.OrdinalIgnoreCase) || tag.StartsWith(ContainerRegistry + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>The most specific tag of the bundle holding the address: regional before global, then by name.</summary>
    private static string? TagHolding(EvidenceView evidence, string address, Func<string, bool> among)
    {
        if (AddressClassifier.Classify(address) != AddressClass.Public) return null;
        var matcher = evidence.Derived(typeof(AzureCallers), e => ServiceTagMatcher.For(e));
        return (evidence.Bundle.ServiceTags?.Tags.Keys ?? Enumerable.Empty<string>())
            .Where(among)
            .OrderBy(tag => tag.Contains('.') ? 0 : 1).ThenBy(tag => tag, StringComparer.Ordinal)
            .FirstOrDefault(tag => matcher.Contains(tag, address) == true);
    }

    /// <summary>Principal and client ids of the registry's tasks' managed identities (system- and user-assigned) → task id.</summary>
    private static IReadOnlyDictionary<string, string> TaskIdentities(EvidenceView evidence) =>
        evidence.Derived(nameof(TaskIdentities), e =>
        {
            var identities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (e.RegistryId is not { } registryId) return (IReadOnlyDictionary<string, string>)identities;
            foreach (var taskId in e.List(ArmPaths.Tasks(registryId)) ?? [])
            {
                if (e.RawResource(taskId)?["identity"] is not Newtonsoft.Json.Linq.JObject identity) continue;
                var ids = new[] { ArmView.Str(identity, "principalId") }
                    .Concat((identity["userAssignedIdentities"] as Newtonsoft.Json.Linq.JObject)?.Properties()
                        .SelectMany(p => new[] { ArmView.Str(p.Value, "principalId"), ArmView.Str(p.Value, "clientId") }) ?? []);
                foreach (var id in ids.OfType<string>().Where(i => i.Length > 0)) identities.TryAdd(id, taskId);
            }
            return identities;
        });
}
