using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Paths;
using AcrNetCheck.Testing;
using AcrNetCheck.Testing.Fleet;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>
/// The bundles scan writes for a generated fleet (every fault, hub and spoke VNets, linked and unlinked zones), each analysed
/// as if the client sat in every subnet of the bundle: each path's verdict and the report's findings agree.
/// </summary>
public sealed class FleetPathAgreementTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task EveryFleetBundle_FromEverySubnet_PathsAndFindingsAgree()
    {
        var fleet = FleetGenerator.Generate(48, subscriptions: 2);
        var standIn = new ResourceGraphStandIn(fleet);
        await using var server = await HttpsTestServer.StartAsync(certs.Certificates, standIn.HandleAsync);
        await using var azure = LocalAzure.Over(server, certs.Certificates);
        var outDir = Path.Combine(azure.ConfigDir, "bundles");

        var result = await azure.RunAsync(TimeSpan.FromSeconds(90), "scan", "-o", "jsonl", "--out-dir", outDir);

        var bundles = Directory.GetFiles(outDir, "*.json");
        Assert.True(bundles.Length == fleet.Registries.Count, result.StdErr);
        var verdicts = new HashSet<AcrNetCheck.Core.Paths.PathVerdict>();
        foreach (var file in bundles)
        {
            var bundle = EvidenceLoader.Parse(File.ReadAllText(file), file);
            var subnets = bundle.Arm!.Resources.Keys.Where(id => id.Contains("/subnets/", StringComparison.OrdinalIgnoreCase)).ToList();
            if (subnets.Count == 0) continue;
            bundle.Vantage = new VantageEvidence { Kind = VantageKind.Subnet, SubnetId = subnets[0], SourceSubnetIds = subnets };

            var report = Analyzer.Analyze(bundle);

            var problems = PathAgreement.Disagreements(report);
            Assert.True(problems.Count == 0, $"{Path.GetFileName(file)}: {string.Join("; ", problems)}");
            verdicts.UnionWith(report.Paths.Select(p => p.Verdict));
        }
        // Not vacuous: the fleet's faults give blocked paths and its healthy private registries reachable ones.
        Assert.Contains(AcrNetCheck.Core.Paths.PathVerdict.Blocked, verdicts);
        Assert.Contains(AcrNetCheck.Core.Paths.PathVerdict.Reachable, verdicts);
    }
}
