using System.Text.RegularExpressions;
using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Tests.Support;
using AcrNetCheck.Testing;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>collect as a user runs it: the bundle replays to the same report, --redact hides what it promises, tokens never leak.</summary>
public sealed class CollectCommandTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task CollectThenAnalyze_GivesTheReportDiagnoseGives()
    {
        var scenario = ArmScenario.FromSample("combined-multi-cause", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);
        var bundlePath = Path.Combine(azure.ConfigDir, "bundle.json");

        var diagnose = await azure.RunAsync(scenario.Args("diagnose", "-o", "json"));
        var collect = await azure.RunAsync(scenario.Args("collect", "--out", bundlePath));
        var analyze = await ToolProcess.RunAsync(azure.Environment, null, "analyze", bundlePath, "-o", "json");

        Assert.True(collect.ExitCode == 0, collect.StdErr);
        Assert.Equal("", collect.StdOut);
        Assert.Equal(ExitCodes.ProblemsFound, diagnose.ExitCode);
        Assert.Equal(diagnose.ExitCode, analyze.ExitCode);
        Assert.Equal(diagnose.StdOut, analyze.StdOut);
        Assert.Contains("vnet.private-dns-zone-not-linked", JObject.Parse(diagnose.StdOut)["findings"]![0]!.Value<string>("id"));
    }

    [Fact]
    public async Task Bundle_KeepsArmDocumentsAsReturnedAndTheRegistryApiVersion()
    {
        var scenario = ArmScenario.FromSample("private-endpoint-healthy", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var result = await azure.RunAsync(scenario.Args("collect"));

        var bundle = JObject.Parse(result.StdOut);
        Assert.Equal("2021-08-01-preview", bundle.SelectToken("arm.registryApiVersion")!.Value<string>());
        Assert.Contains(azure.Arm.Requests, r => r.PathAndQuery.Contains("/registries/contoso?api-version=2021-08-01-preview"));
        foreach (var (id, document) in scenario.Fixture.Arm!.Resources.Where(r => !r.Key.Contains("snet-build") || scenario.From!.Contains("snet-build")))
            Assert.True(JToken.DeepEquals(document, bundle.SelectToken("arm.resources")![id]), $"{id} differs from what ARM returned");
        Assert.Equal("subnet", bundle.SelectToken("vantage.kind")!.Value<string>());
        // Every read once: the fake saw no path at one api-version twice (the registry is read at two, for different fields).
        var reads = azure.Arm.ArmReads.Select(r => r.PathAndQuery).ToList();
        Assert.Equal(reads.Count, reads.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task Redact_RemovesSubscriptionGroupsAndAddressesConsistently()
    {
        var scenario = ArmScenario.FromSample("combined-multi-cause", fromClientSubnet: true);
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture);

        var original = await azure.RunAsync(scenario.Args("collect"));
        var result = await azure.RunAsync(scenario.Args("collect", "--redact"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var text = result.StdOut;
        Assert.DoesNotContain(EvidenceBuilder.Subscription, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EvidenceBuilder.Group, text);
        Assert.DoesNotContain(EvidenceBuilder.NetGroup, text);
        // Addresses become other addresses of the same kind (prefix-preserving pseudonyms), none of the original ones.
        static HashSet<string> Addresses(string bundle)
        {
            var document = JObject.Parse(bundle);
            document.Remove("serviceTags");
            return new Regex(@"\b10\.\d+\.\d+\.\d+\b").Matches(document.ToString()).Select(m => m.Value).ToHashSet();
        }
        var originalAddresses = Addresses(original.StdOut);
        var redactedAddresses = Addresses(text);
        Assert.NotEmpty(originalAddresses);
        Assert.NotEmpty(redactedAddresses);
        Assert.Empty(originalAddresses.Intersect(redactedAddresses));
        // Same input, same placeholder: the ids still join up.
        var bundle = JObject.Parse(text);
        Assert.Equal(bundle.SelectToken("target.resourceId")!.Value<string>(), bundle.SelectToken("arm.registry.id")!.Value<string>());
        var analyzed = await CliRunner.RunAsync(["analyze", "-", "--query", "findings[0].id"], text);
        Assert.Equal("\"vnet.private-dns-zone-not-linked\"", analyzed.StdOut.Trim());
    }

    [Fact]
    public async Task AccessToken_NeverPrintedNorStored_EvenWithDebugAndFailures()
    {
        var scenario = ArmScenario.FromSample("nsg-denies-outbound", fromClientSubnet: true);
        var options = new FakeArmOptions { Faults = [new ArmFault("/networkSecurityGroups/", 403, "AuthorizationFailed"), new ArmFault("/routeTables/", 500, "InternalServerError")] };
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, scenario.Fixture, options);
        var bundlePath = Path.Combine(azure.ConfigDir, "bundle.json");

        var diagnose = await azure.RunAsync(scenario.Args("diagnose", "--debug", "-o", "json"));
        var collect = await azure.RunAsync(scenario.Args("collect", "--debug", "--verbose", "--out", bundlePath));

        Assert.Contains("DEBUG: HTTP GET", diagnose.StdErr);
        foreach (var text in new[] { diagnose.StdOut, diagnose.StdErr, collect.StdOut, collect.StdErr, File.ReadAllText(bundlePath) })
            Assert.DoesNotContain(azure.Arm.AccessToken, text);
        Assert.All(azure.Arm.ArmReads, r => Assert.Equal($"Bearer {azure.Arm.AccessToken}", r.Headers["Authorization"]));
        // The connection warm-up that runs while signing in carries no credential at all.
        Assert.All(azure.Arm.Requests.Where(r => r.Method == "HEAD"), r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }
}
