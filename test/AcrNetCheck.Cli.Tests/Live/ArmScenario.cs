using AcrNetCheck.Cli.Tests.Samples;
using AcrNetCheck.Core.Evidence;

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
        return new ArmScenario(sample, bundle, from);
    }

    /// <summary>diagnose/collect arguments for this scenario, then <paramref name="extra"/>.</summary>
    public string[] Args(string verb, params string[] extra) =>
        [verb, "-n", "contoso", .. From is null ? Array.Empty<string>() : ["--from", From], .. extra];
}
