using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Reporting;

/// <summary>The status never says healthy about what was not read: no evidence, or a registry document of the wrong shape.</summary>
public class ReportStatusTests
{
    [Theory]
    [InlineData("""{"schemaVersion":"1.0"}""")]
    [InlineData("""{"schemaVersion":"1.0","target":null,"arm":null,"probes":null,"loginEvents":null,"vantage":null,"serviceTags":null,"collectionErrors":null}""")]
    public void BundleWithoutEvidence_IsIncompleteAndNamesNoRegistry(string json)
    {
        var report = Analyzer.Analyze(EvidenceLoader.Parse(json));

        Assert.Equal(ReportStatus.Incomplete, report.Status);
        Assert.Null(report.Registry.Name);
        Assert.Empty(report.Findings);
    }

    [Theory]
    [InlineData("networkRuleSet", "[]", "properties.networkRuleSet is an array")]
    [InlineData("networkRuleSet", """{"defaultAction":["Deny"]}""", "properties.networkRuleSet.defaultAction is an array")]
    [InlineData("publicNetworkAccess", """{"value":"Disabled"}""", "properties.publicNetworkAccess is an object")]
    public void WrongTypedRegistryField_IsUnknownNeverADefault(string field, string value, string problem)
    {
        var b = EvidenceBuilder.Create().Registry().HealthyProbe().RegistryProperty(field, JToken.Parse(value));

        var report = Analyzer.Analyze(b.Build());

        Assert.Equal(ReportStatus.Incomplete, report.Status);
        Assert.Null(report.Registry.DefaultAction);
        Assert.Null(report.Registry.PublicNetworkAccess);
        var access = Assert.Single(report.Checks, c => c.Id == AcrNetCheck.Core.Rules.Public.AccessDisabledRule.Id);
        Assert.Contains(problem, access.Reason);
    }

    [Fact]
    public void NullProperties_IsUnknownNeverADefault()
    {
        var bundle = EvidenceBuilder.Create().Registry().HealthyProbe().Build();
        bundle.Arm!.Registry!["properties"] = JValue.CreateNull();

        var report = Analyzer.Analyze(bundle);

        Assert.Equal(ReportStatus.Incomplete, report.Status);
        Assert.Null(report.Registry.DefaultAction);
    }
}
