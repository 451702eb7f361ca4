namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// The evidence Resource Graph does not index, read from ARM through <see cref="IArmBatchReader"/>: which path, which
/// api-version, which RBAC action a failure needs. (When an ARM api-version table exists in Collection/Arm, these
/// versions belong there.)
/// </summary>
internal sealed record FleetFallbackRead(string Read, string ApiVersion, string RequiredPermission)
{
    /// <summary>A private endpoint's DNS zone groups (<c>{peId}/privateDnsZoneGroups</c>): not in any Resource Graph table.</summary>
    public static FleetFallbackRead PrivateDnsZoneGroups { get; } =
        new("privateDnsZoneGroups", "2024-05-01", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read");

    /// <summary>A registry's diagnostic settings (<c>{registryId}/providers/Microsoft.Insights/diagnosticSettings</c>): an extension resource Resource Graph does not hold.</summary>
    public static FleetFallbackRead DiagnosticSettings { get; } =
        new("diagnosticSettings", "2021-05-01-preview", "Microsoft.Insights/diagnosticSettings/read");

    /// <summary>Microsoft.ContainerRegistry's registration in a subscription whose subnets a registry's network rules allow.</summary>
    public static FleetFallbackRead ProviderRegistration { get; } =
        new("providerRegistration", "2025-04-01", "Microsoft.Resources/subscriptions/providers/read");
}
