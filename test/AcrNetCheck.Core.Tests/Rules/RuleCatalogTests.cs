using AcrNetCheck.Core.Rules;
using AcrNetCheck.Core.Tests.Support;

namespace AcrNetCheck.Core.Tests.Rules;

/// <summary>Meta-tests: the catalog is the public contract of rule ids, complete, unique and well-formed.</summary>
public class RuleCatalogTests
{
    /// <summary>The ids jq users rely on (issue #2's table). Never remove or rename one.</summary>
    public static readonly string[] ContractIds =
    [
        "client.dns-unresolvable", "client.tcp-blocked", "client.data-endpoint-blocked", "client.proxy-blocked",
        "client.proxy-docker-mismatch", "client.tls-intercepted",
        "public.access-disabled", "public.ip-not-allowed", "public.service-endpoint-disabled-by-public-access",
        "public.ip-rules-ignored-for-private-endpoint",
        "vnet.private-endpoint-not-approved", "vnet.private-dns-zone-missing", "vnet.private-dns-zone-not-linked",
        "vnet.private-dns-record-missing", "vnet.private-dns-record-mismatch", "vnet.resolves-public-ip",
        "vnet.nsg-denies-outbound", "vnet.service-endpoint-rule-missing", "vnet.subnet-missing-service-endpoint",
        "vnet.provider-not-registered", "vnet.egress-via-firewall", "vnet.geo-replica-not-covered",
        "vnet.private-dns-zone-shadowed", "vnet.private-endpoint-subnet-full",
        "service.trusted-services-bypass-off", "service.tasks-blocked", "service.unsupported-with-restrictions",
        "logs.not-collected", "logs.denied-logins", "auth.suspected",
        // Added in issue 10: the route hop's drop verdict needed a cause of its own.
        "vnet.route-drops-registry-traffic",
        // Added in issue 11: an observed failure no specific rule explains is never "healthy".
        "client.request-failed",
        // Added in issue 11: a private endpoint in a VNet the client has no peering or route to.
        "vnet.private-endpoint-vnet-not-peered",
        // Added in issue 11: a denial from an Azure service (an ACR task, ACR's shared agents) has service settings, not an IP rule, as its fix.
        "logs.azure-service-denied",
        // Added in issue 15: az aks check-acr's identity question, answered from role assignments.
        "auth.aks-kubelet-cannot-pull",
        // Added in issue 15: the routes Azure applies to the client NIC (--from <vm | nic>) drop or divert registry traffic.
        "vnet.effective-route-drops-registry-traffic", "vnet.effective-route-diverts-registry-traffic",
        // Added in issue 15: Network Watcher's own verdicts from the client VM.
        "vnet.watcher-flow-denied", "vnet.watcher-connection-failed",
        // Added in issue 16: the article's "can't change network settings" (tier, the caller's permissions, limits, the portal's own address).
        "public.premium-tier-required",
        "public.network-rule-limit-reached",
        "public.portal-client-not-allowed",
        "auth.network-settings-not-writable",
        // Issue 16's smaller points: Bastion, service endpoints only from Azure hosts, service endpoints beside private endpoints, the private endpoint subnet's NSG.
        "vnet.bastion-not-supported",
        "vnet.service-endpoint-needs-azure-host",
        "vnet.service-endpoint-beside-private-endpoint",
        "vnet.private-endpoint-nsg-denies-inbound",
        // Issue 16's real pull path (probe --pull-test): the registry refusing the identity's token.
        "auth.token-exchange-refused",
    ];

    [Fact]
    public void Catalog_HoldsExactlyTheContractIds() =>
        Assert.Equal(ContractIds.Order(StringComparer.Ordinal), RuleCatalog.All.Select(r => r.Id).Order(StringComparer.Ordinal));

    [Fact]
    public void RuleIdLiterals_AppearOnlyInTheirOwnRule()
    {
        var ids = RuleCatalog.All.ToDictionary(r => r.Id, r => r.GetType().Name + ".cs");
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Reference.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var text = File.ReadAllText(file);
            foreach (var (id, owner) in ids)
                if (text.Contains($"\"{id}\"", StringComparison.Ordinal) && Path.GetFileName(file) != owner)
                    offenders.Add($"{Path.GetRelativePath(Reference.RepoRoot, file)} writes \"{id}\" (use {owner[..^3]}.Id)");
        }
        Assert.Empty(offenders);
    }

    [Fact]
    public void EveryRule_IsCompleteAndLinksToLearn_AndProblemsNameTheirSymptoms()
    {
        Assert.All(RuleCatalog.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Descriptor.Title));
            Assert.False(string.IsNullOrWhiteSpace(r.Descriptor.Cause));
            Assert.NotEmpty(r.Descriptor.Solution);
            // A warning or error explains something a user saw; an info finding is advice and may name no symptom.
            if (r.Descriptor.Severity > Severity.Info) Assert.NotEmpty(r.Descriptor.Symptoms);
            // Docker's page on its daemon's proxy is the one page the article links outside Learn.
            Assert.True(r.Descriptor.DocLink.Host == "learn.microsoft.com" || r.Descriptor.DocLink.AbsoluteUri == Descriptors.Pages.DockerDaemonProxy, r.Descriptor.Id);
        });
    }

    /// <summary>A finding links the page that explains its fix, never back to the article the report stands in for.</summary>
    [Fact]
    public void EveryRule_LinksASpecificPage_NotTheSeedArticle() =>
        Assert.All(RuleCatalog.All, r => Assert.False(r.Descriptor.DocLink.AbsoluteUri.StartsWith(Descriptors.TroubleshootAccess, StringComparison.OrdinalIgnoreCase),
            $"{r.Descriptor.Id} links the seed article"));

    /// <summary>Every topic the seed article links to is reachable from some finding's doc link.</summary>
    [Theory]
    [InlineData(Descriptors.Pages.FirewallAccessRules)]
    [InlineData(Descriptors.Pages.DedicatedDataEndpoints)]
    [InlineData(Descriptors.Pages.GeoReplication)]
    [InlineData(Descriptors.Pages.PrivateLink)]
    [InlineData(Descriptors.Pages.ServiceEndpoints)]
    [InlineData(Descriptors.Pages.TrustedServices)]
    [InlineData(Descriptors.Pages.DockerDaemonProxy)]
    [InlineData(Descriptors.Pages.AksEgress)]
    [InlineData(Descriptors.Pages.LoginEvents)]
    [InlineData(Descriptors.Pages.HealthErrorReference)]
    [InlineData(Descriptors.Pages.SelectedNetworks)]
    public void ArticleTopic_IsSomeRulesDocLink(string page) =>
        Assert.Contains(RuleCatalog.All, r => r.Descriptor.DocLink.AbsoluteUri.StartsWith(page, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Explains_NamesExistingRulesWithoutCycles()
    {
        var byId = RuleCatalog.All.ToDictionary(r => r.Id, r => r.Descriptor.Explains);
        foreach (var (id, explains) in byId)
        {
            Assert.All(explains, e => Assert.True(byId.ContainsKey(e), $"{id} explains unknown rule {e}"));
            Assert.DoesNotContain(id, Reachable(id, byId));
        }

        static HashSet<string> Reachable(string from, IReadOnlyDictionary<string, IReadOnlyList<string>> graph)
        {
            var seen = new HashSet<string>();
            var stack = new Stack<string>(graph[from]);
            while (stack.Count > 0)
                if (seen.Add(stack.Peek()) is var added && stack.Pop() is var next && added && graph.TryGetValue(next, out var more))
                    foreach (var m in more) stack.Push(m);
            return seen;
        }
    }

    [Fact]
    public void EveryRule_IsNamedFromItsIdAndHasATestFile()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var type = rule.GetType();
            var expected = string.Concat(rule.Id.Split('.')[1].Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Rule";
            Assert.Equal(expected, type.Name);
            Assert.Equal($"AcrNetCheck.Core.Rules.{rule.Descriptor.Area}", type.Namespace);
            var testFile = Path.Combine(Reference.RepoRoot, "test", "AcrNetCheck.Core.Tests", "Rules", rule.Descriptor.Area.ToString(), type.Name + "Tests.cs");
            Assert.True(File.Exists(testFile), $"{rule.Id} has no tests at {testFile}");
        }
    }

    /// <summary>Rules only read evidence: no I/O, clock, console, randomness or environment in Rules/.</summary>
    [Fact]
    public void RuleSources_DoNoIo()
    {
        string[] forbidden = ["System.IO", "File.", "Directory.", "Console.", "DateTime.Now", "DateTime.UtcNow", "DateTimeOffset.Now",
            "DateTimeOffset.UtcNow", "Environment.", "HttpClient", "new Random", "System.Net.Dns", "Socket"];
        var rulesDir = Path.Combine(Reference.RepoRoot, "src", "AcrNetCheck.Core", "Rules");
        foreach (var file in Directory.EnumerateFiles(rulesDir, "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var token in forbidden)
                Assert.False(text.Contains(token, StringComparison.Ordinal), $"{Path.GetRelativePath(rulesDir, file)} uses {token}");
        }
    }

    [Theory]
    [InlineData("Client.bad", RuleArea.Client)]
    [InlineData("vnet.thing", RuleArea.Client)]
    [InlineData("client.Bad_Name", RuleArea.Client)]
    public void Descriptor_RejectsIdsThatBreakTheConvention(string id, RuleArea area) =>
        Assert.Throws<ArgumentException>(() => Descriptors.Create(id, area, Severity.Error, "t", "c", ["s"], Descriptors.TroubleshootAccess, ["x"]));

    [Fact]
    public void Descriptor_RejectsLinksOutsideLearn() =>
        Assert.Throws<ArgumentException>(() => Descriptors.Create("client.x", RuleArea.Client, Severity.Error, "t", "c", ["s"], "https://example.com/x", ["x"]));
}
