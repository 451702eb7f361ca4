namespace AcrNetCheck.Core.Collection.Probes.Vantage;

/// <summary>The local signals the vantage is judged from; injectable so tests can play Cloud Shell or an Azure VM.</summary>
public sealed record VantageSignals(Func<string, string?> Environment, string Hostname, string ChassisAssetTagPath)
{
    public const string DefaultChassisAssetTagPath = "/sys/class/dmi/id/chassis_asset_tag";

    public static VantageSignals From(Func<string, string?> environment) =>
        new(environment, System.Environment.MachineName,
            environment("ACR_NETCHECK_SYSROOT") is { Length: > 0 } root ? Path.Combine(root, DefaultChassisAssetTagPath.TrimStart('/')) : DefaultChassisAssetTagPath);
}
