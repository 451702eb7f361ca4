using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Paths;
using AcrNetCheck.Core.Paths.Hops;
using AcrNetCheck.Core.Reporting;
using AcrNetCheck.Core.Rules.Vnet;
using AcrNetCheck.Core.Tests.Support;
using B = AcrNetCheck.Core.Tests.Support.EvidenceBuilder;

namespace AcrNetCheck.Core.Tests.Paths;

/// <summary>
/// Zone groups the fleet scan left out on purpose (<c>arm.skippedReads</c>): the DNS judge and the rules that read zone groups
/// decide as they do with the groups read (naming the linked zone), and unlike a read that failed or never happened.
/// </summary>
public class ZoneGroupsNotReadTests
{
    /// <summary>The registry's findings and every check's outcome and reason, in a comparable form.</summary>
    private static IReadOnlyList<string> Outcomes(EvidenceBundle bundle)
    {
        var report = Analyzer.Analyze(bundle);
        return [.. report.Findings.Select(f => $"{f.Id} {f.Subject}: {f.Message}"), .. report.Checks.Select(c => $"{c.Id} {c.Outcome} {c.Reason}")];
    }

    [Theory]
    [InlineData(null)]
    [InlineData("westeurope")]
    public void LinkedZoneAnswers_SameReportAsWithTheZoneGroupRead(string? recordMissingFor)
    {
        B Setup() => B.Create().Registry().Replica("westeurope").PrivateEndpointWithDns(skipRecordsFor: recordMissingFor);
        var read = Setup();
        var skipped = Setup().ZoneGroupsNotRead();

        Assert.Equal(Outcomes(read.Build()), Outcomes(skipped.Build()));
        var verdicts = DnsVerdicts.For(skipped.View());
        Assert.Empty(verdicts.MissingReasons);
        Assert.All(verdicts.Items, v => Assert.NotEqual(StepStatus.Unknown, v.Step.Status));
        Assert.Contains(verdicts.Items, v => v.Step is { Answer: DnsAnswer.Private, Status: StepStatus.Ok });
    }

    [Fact]
    public void RecordMissing_DoesNotClaimNoZoneGroupNamesTheZone()
    {
        var b = B.Create().Registry().Replica("westeurope").PrivateEndpointWithDns(skipRecordsFor: "westeurope").ZoneGroupsNotRead();

        var finding = Assert.Single(new PrivateDnsRecordMissingRule().Evaluate(b.View()).Findings);

        Assert.Equal("contoso.westeurope.data.azurecr.io", finding.Subject);
        Assert.DoesNotContain("kept by hand", finding.Message);
        Assert.DoesNotContain("zone group", finding.Message);
        Assert.Contains("expected the private endpoint's 10.1.0.6", finding.Message);
    }

    [Fact]
    public void ZoneGroupsListedNone_StillSaysKeptByHand()
    {
        // The contrast: groups read and naming no zone is what "kept by hand" means.
        var b = B.Create().Registry().Replica("westeurope").PrivateEndpointWithDns(skipRecordsFor: "westeurope");
        b.WithoutList(ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId())).ZoneGroup();

        Assert.Contains("kept by hand", Assert.Single(new PrivateDnsRecordMissingRule().Evaluate(b.View()).Findings).Message);
    }

    [Fact]
    public void ProbeAnsweredAnotherPrivateAddress_SameWordsAsWithTheZoneGroupRead_NeverNoZoneGroup()
    {
        B Setup() => B.Create().Registry().PublicAccessDisabled().PrivateEndpointWithDns()
            .ResolvedProbe("contoso.azurecr.io", "10.7.7.7", "10.7.7.7", "contoso.azurecr.io", "contoso.privatelink.azurecr.io");

        var read = Assert.Single(new ResolvesPublicIpRule().Evaluate(Setup().View()).Findings);
        var skipped = Assert.Single(new ResolvesPublicIpRule().Evaluate(Setup().ZoneGroupsNotRead().View()).Findings);

        Assert.Equal(read.Message, skipped.Message);
        Assert.Contains("whose private zone holds another address", skipped.Message);
        Assert.DoesNotContain("no DNS zone group", skipped.Message);
    }

    [Fact]
    public void ZoneGroupsNeitherReadNorLeftOut_DnsUnknown()
    {
        var b = B.Create().Registry().PrivateEndpointWithDns();
        b.WithoutList(ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId()));

        var verdict = DnsVerdicts.For(b.View()).Items.First();

        Assert.Equal((StepStatus.Unknown, "The private endpoints' DNS zone groups were not read."), (verdict.Step.Status, verdict.Step.Detail));
        Assert.StartsWith("needs:arm.lists[", verdict.Step.Needs!.ToString());
    }

    [Fact]
    public void ZoneGroupsReadFailed_DnsUnknownNamingThePermission()
    {
        var b = B.Create().Registry().PrivateEndpointWithDns();
        var key = ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId());
        b.WithoutList(key).CollectionError("privateDnsZoneGroups", key, 403, "AuthorizationFailed", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups/read");

        var verdict = DnsVerdicts.For(b.View()).Items.First();

        Assert.Equal(StepStatus.Unknown, verdict.Step.Status);
        Assert.StartsWith("collection-failed:privateDnsZoneGroups (HTTP 403 AuthorizationFailed", verdict.Step.Needs!.ToString());
    }

    [Fact]
    public void MissingReason_OfALeftOutRead_IsNotApplicableWithWhy()
    {
        var b = B.Create().Registry().PrivateEndpointWithDns().ZoneGroupsNotRead(why: "a zone linked there answers");
        var key = ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId());

        var reason = b.View().MissingReason(key, $"arm.lists[{key}]");

        Assert.Equal(SkipKind.NotApplicable, reason.Kind);
        Assert.Equal($"not-applicable:arm.lists[{key}] not read on purpose: a zone linked there answers", reason.ToString());
        Assert.Equal([b.PrivateEndpointId()], PrivateDnsFacts.ZoneGroupsNotRead(b.View()));
    }

    [Fact]
    public void LeftOutRead_SurvivesTheBundleRoundTrip()
    {
        var b = B.Create().Registry().Replica("westeurope").PrivateEndpointWithDns(skipRecordsFor: "westeurope").ZoneGroupsNotRead();
        var json = b.ToJson();

        var replayed = EvidenceLoader.Parse(json, "bundle");

        Assert.Contains("\"skippedReads\"", json);
        Assert.NotNull(replayed.Arm!.SkippedReads![ArmPaths.PrivateDnsZoneGroups(b.PrivateEndpointId()).ToUpperInvariant()]);
        Assert.Equal(Outcomes(b.Build()), Outcomes(replayed));
        // A bundle with nothing left out does not carry the key at all.
        Assert.DoesNotContain("skippedReads", B.Create().Registry().PrivateEndpointWithDns().ToJson());
    }
}
