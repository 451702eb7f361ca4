using AcrNetCheck.Cli.Tests.Samples;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// A registry's state in ARM for the fake to serve: a sample's ARM documents (real shapes, from the evidence builder) without
/// what only a client or Log Analytics could see. <see cref="From"/> is the client subnet to pass as --from, if any.
/// </summary>
public sealed record ArmScenario(string Name, EvidenceBundle Fixture, string? From)
{
    public static ArmScenario FromSample(string sample, bool fromClientSubnet = false)
    {
        var bundle = SampleDefinitions.All[sample]();
        var from = fromClientSubnet ? bundle.Vantage?.SubnetId ?? throw new ArgumentException($"{sample} has no client subnet") : null;
        bundle.Probes = null;
        bundle.LoginEvents = null;
        bundle.Vantage = null;
        bundle.CollectionErrors.Clear();
        AddMissingVirtualNetworks(bundle);
        return new ArmScenario(sample, bundle, from);
    }

    /// <summary>In ARM a subnet never exists without its VNet; samples leave out VNets no rule of theirs needed.</summary>
    private static void AddMissingVirtualNetworks(EvidenceBundle bundle)
    {
        var resources = bundle.Arm!.Resources;
        var vnets = resources.Keys.Select(id => new ResourceId(id)).Where(id => id.Value.Contains("/subnets/", StringComparison.OrdinalIgnoreCase))
            .Select(id => id.Parent!).Distinct(StringComparer.OrdinalIgnoreCase).Where(vnet => !resources.ContainsKey(vnet)).ToList();
        foreach (var vnet in vnets)
            resources[vnet] = JObject.FromObject(new
            {
                name = new ResourceId(vnet).Name, id = vnet, type = "Microsoft.Network/virtualNetworks", location = "eastus",
                properties = new { provisioningState = "Succeeded", addressSpace = new { addressPrefixes = new[] { "10.0.0.0/8" } }, virtualNetworkPeerings = Array.Empty<object>() },
            });
    }

    /// <summary>diagnose/collect arguments for this scenario, then <paramref name="extra"/>.</summary>
    public string[] Args(string verb, params string[] extra) =>
        [verb, "-n", "contoso", .. From is null ? Array.Empty<string>() : ["--from", From], .. extra];
}
