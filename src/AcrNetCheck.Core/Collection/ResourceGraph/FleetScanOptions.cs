namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>What a fleet scan looks at and how it reads; validated by the caller (the filter through <see cref="QueryFilter"/>).</summary>
internal sealed class FleetScanOptions
{
    public ResourceGraphScope Scope { get; init; } = ResourceGraphScope.Tenant;

    /// <summary>A checked KQL where-clause over the registry rows (<c>--query-filter</c>), or null.</summary>
    public string? QueryFilter { get; init; }

    /// <summary>The cloud's login-server suffix: registry zones are <c>privatelink.{suffix}</c>.</summary>
    public string LoginServerSuffix { get; init; } = "azurecr.io";

    /// <summary>Paths per fall-back ARM batch: bounds each call to the reader.</summary>
    public int FallbackBatchSize { get; init; } = 200;

    public string? ToolVersion { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
