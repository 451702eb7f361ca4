namespace AcrNetCheck.Testing.Fleet;

/// <summary>The configuration faults a generated fleet mixes, one per registry, in this order (registry i has fault i mod 8).</summary>
public enum FleetFault
{
    Healthy,
    PublicAccessDisabledWithoutEndpoint,
    PendingEndpoint,
    ZoneNotLinked,
    RecordMissing,
    IpRulesDeny,
    TrustedServicesOffWithTasks,
    DiagnosticSettingsMissing,
}

public static class FleetFaults
{
    /// <summary>
    /// The finding ids the configuration rules must report for each fault, and no others. Restricted registries also draw
    /// the general warning that some Azure services cannot reach them; client rules skip (no probes in a fleet scan).
    /// </summary>
    public static IReadOnlySet<string> ExpectedFindings(FleetFault fault) => fault switch
    {
        FleetFault.Healthy => new HashSet<string>(),
        FleetFault.PublicAccessDisabledWithoutEndpoint => new HashSet<string> { "public.access-disabled", "service.unsupported-with-restrictions" },
        FleetFault.PendingEndpoint => new HashSet<string> { "vnet.private-endpoint-not-approved" },
        FleetFault.ZoneNotLinked => new HashSet<string> { "vnet.private-dns-zone-not-linked", "service.unsupported-with-restrictions" },
        FleetFault.RecordMissing => new HashSet<string> { "vnet.private-dns-record-missing" },
        FleetFault.IpRulesDeny => new HashSet<string> { "service.unsupported-with-restrictions" },
        FleetFault.TrustedServicesOffWithTasks => new HashSet<string>
            { "service.tasks-blocked", "service.trusted-services-bypass-off", "service.unsupported-with-restrictions" },
        FleetFault.DiagnosticSettingsMissing => new HashSet<string> { "logs.not-collected" },
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    public static bool HasPrivateEndpoint(this FleetFault fault) =>
        fault is FleetFault.PendingEndpoint or FleetFault.ZoneNotLinked or FleetFault.RecordMissing;
}
