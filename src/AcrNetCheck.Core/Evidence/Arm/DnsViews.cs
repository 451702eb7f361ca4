using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>Microsoft.Network/privateEndpoints/privateDnsZoneGroups.</summary>
internal sealed class PrivateDnsZoneGroupView(JObject document) : ArmView(document)
{
    public IReadOnlyList<ZoneConfig> ZoneConfigs => PropArray("privateDnsZoneConfigs").Select(c => new ZoneConfig(
        Str(c, "properties.privateDnsZoneId") ?? "",
        (c.SelectToken("properties.recordSets") as JArray)?.OfType<JObject>()
            .Select(r => new FqdnAddresses(Str(r, "fqdn") ?? "", (r["ipAddresses"] as JArray)?.Select(i => i.ToString()).ToList() ?? [])).ToList() ?? [])).ToList();
}

internal sealed record ZoneConfig(string PrivateDnsZoneId, IReadOnlyList<FqdnAddresses> RecordSets);

/// <summary>Microsoft.Network/privateDnsZones.</summary>
internal sealed class PrivateDnsZoneView(JObject document) : ArmView(document);

/// <summary>Microsoft.Network/privateDnsZones/A.</summary>
internal sealed class ARecordSetView(JObject document) : ArmView(document)
{
    /// <summary>The FQDN without ARM's trailing dot.</summary>
    public string? Fqdn => Prop("fqdn")?.TrimEnd('.');
    public IReadOnlyList<string> Ipv4Addresses => PropArray("aRecords").Select(a => Str(a, "ipv4Address")).OfType<string>().ToList();
}

/// <summary>Microsoft.Network/privateDnsZones/virtualNetworkLinks.</summary>
internal sealed class VirtualNetworkLinkView(JObject document) : ArmView(document)
{
    public string? VirtualNetworkId => RefId("virtualNetwork");
    public string? State => Prop("virtualNetworkLinkState");
    public string? ResolutionPolicy => Prop("resolutionPolicy");
}

/// <summary>Microsoft.Insights/diagnosticSettings.</summary>
internal sealed class DiagnosticSettingView(JObject document) : ArmView(document)
{
    /// <summary>The Log Analytics workspace; ARM returns "" when none.</summary>
    public string? WorkspaceId => Prop("workspaceId") is { Length: > 0 } w ? w : null;

    /// <summary>Enabled log categories and category groups (allLogs, audit) by name.</summary>
    public IReadOnlyList<string> EnabledLogs => PropArray("logs")
        .Where(l => l["enabled"]?.Type != JTokenType.Boolean || (bool)l["enabled"]!)
        .Select(l => Str(l, "category") ?? Str(l, "categoryGroup")).OfType<string>().ToList();

    public bool SendsLoginEventsToWorkspace => WorkspaceId is not null && EnabledLogs.Any(l =>
        l.Equals("ContainerRegistryLoginEvents", StringComparison.OrdinalIgnoreCase) ||
        l.Equals("allLogs", StringComparison.OrdinalIgnoreCase) ||
        l.Equals("audit", StringComparison.OrdinalIgnoreCase));
}

/// <summary>A resource provider's registration in one subscription (/subscriptions/{id}/providers/{namespace}).</summary>
internal sealed class ProviderView(JObject document) : ArmView(document)
{
    public string? Namespace => Str(Document, "namespace");
    public string? RegistrationState => Str(Document, "registrationState");
    public bool IsRegistered => string.Equals(RegistrationState, "Registered", StringComparison.OrdinalIgnoreCase);
}
