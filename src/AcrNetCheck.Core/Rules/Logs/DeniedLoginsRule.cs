using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence.Network;
using AcrNetCheck.Core.Rules.Service;

namespace AcrNetCheck.Core.Rules.Logs;

internal sealed class DeniedLoginsRule : Rule
{
    public new const string Id = "logs.denied-logins";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Logs,
        severity: Severity.Error,
        title: "The registry refused logins from a caller's network",
        cause: "The registry's login events show requests refused with 403 because the caller's address is outside the registry's " +
               "network rules: not in an IP rule while the default action is Deny, or arriving over the public endpoint while public access is disabled.",
        solution:
        [
            "See the rules in force: az acr network-rule list --name <registry>",
            "Allow a client's public egress address: az acr network-rule add --name <registry> --ip-address <public-ip>",
            "With public access disabled, make the client resolve <login-server> to the private endpoint (privatelink.azurecr.io zone linked to its VNet) and reach it over the VNet",
            "Query the events again after the change: ContainerRegistryLoginEvents | where ResultType == \"403\" | summarize count() by CallerIpAddress, Identity",
        ],
        docLink: Descriptors.Pages.LoginEvents,
        symptoms: [Symptoms.LoginForbidden, Symptoms.CouldNotConnect]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.LoginEvents is not { } events) return LoginEventFacts.Missing(evidence);
        var source = LoginEventFacts.Source(events);
        // Azure services' denials are logs.azure-service-denied's: no IP rule is their fix.
        var denials = LoginEventFacts.NetworkDenials(evidence, events).Where(d => d.Caller is not { IsAzureService: true }).ToList();
        var callers = denials.Select(d => d.Events).ToList();
        // The registry's IP rules are the same evidence for every caller: cited in full once, on the finding that comes
        // first in the report (findings of one rule are ordered by subject), and by count on the others. Evidence then
        // grows with rules + callers, not rules × callers (10,000 rules × 1,000 callers was 779 MB of output).
        var citedInFull = callers.MinBy(c => c.CallerIp, StringComparer.Ordinal);
        return RuleResult.From(denials.Select(denial =>
        {
            var caller = denial.Events;
            var verdict = Against(evidence, caller, denial.Caller, ReferenceEquals(caller, citedInFull) ? null : citedInFull);
            return new Finding
            {
                Subject = caller.CallerIp,
                Message = $"{caller.Summary} were refused by the registry's network rules ({FindingText.List(caller.Results)}): {verdict.Text}." +
                          (IsVantage(evidence, caller) ? " This is the public address of the machine acr-netcheck ran on." : ""),
                Evidence = [caller.EvidenceFrom(source), .. verdict.Evidence],
                Fix = verdict.Fix,
                FixReplacesSolution = verdict.FixReplacesSolution,
            };
        }));
    }

    private static bool IsVantage(EvidenceView evidence, CallerLoginEvents caller) =>
        caller.HasAddress && string.Equals(caller.CallerIp, evidence.Bundle.Vantage?.PublicIp, StringComparison.OrdinalIgnoreCase);

    /// <param name="FixReplacesSolution">The descriptor's "allow the address" step would be wrong as it stands (an address in Azure's ranges).</param>
    private sealed record Verdict(string Text, IReadOnlyList<EvidenceRef> Evidence, IReadOnlyList<string> Fix, bool FixReplacesSolution = false);

    /// <summary>Why the registry's current network settings refuse this caller, and what lets it in.</summary>
    /// <param name="azure">What the evidence places the caller as in Azure (never an Azure service here), or null.</param>
    /// <param name="ipRulesCitedFor">The caller whose finding lists the IP rules in full; null for this one.</param>
    private static Verdict Against(EvidenceView evidence, CallerLoginEvents caller, AzureCaller? azure, CallerLoginEvents? ipRulesCitedFor)
    {
        if (evidence.Registry is not { } registry)
            return new("the registry's network rules were not read, so which rule refused it is unknown", [], []);

        if (registry.PublicNetworkAccessDisabled)
        {
            var expected = evidence.LoginServer is { } ls ? evidence.ExpectedPrivateAddresses(ls) : [];
            var through = expected.Count > 0 ? $" (<login-server> must resolve to {FindingText.Addresses(expected)} from it)" : "";
            return new($"public network access is Disabled, so this client must come through the private endpoint instead{through}",
                [new EvidenceRef(registry.Id, ArmView.PathOf("publicNetworkAccess"), registry.PublicNetworkAccess, "Enabled")],
                expected.Count > 0 ? ["nslookup <login-server>"] : []);
        }

        if (!registry.DefaultActionDeny)
            return new("the registry now accepts all networks (defaultAction Allow), so the rules changed after these denials", [], []);

        var ipRules = registry.IpRules;
        var observedRules = ipRules.Count == 0 ? "[]"
            : ipRulesCitedFor is null ? FindingText.List(ipRules.Select(r => r.Value))
            : $"{ipRules.Count} rule(s), listed on the finding for {(ipRulesCitedFor.HasAddress ? ipRulesCitedFor.CallerIp : ipRulesCitedFor.Caller)}";
        var ipRulesRef = new EvidenceRef(registry.Id, ArmView.PathOf("networkRuleSet.ipRules"), observedRules, caller.HasAddress ? caller.CallerIp : null);
        if (!caller.HasAddress)
            return new("the caller's address was not logged, so it cannot be matched against the IP rules", [ipRulesRef], []);
        if (ipRules.RuleAllowing(caller.CallerIp) is { } rule)
            return new($"IP rule {rule.Value} allows it now, so the rule was added after these denials or has not taken effect yet", [ipRulesRef], []);
        // ACR IP rules take public addresses only: a private caller came over a service endpoint or a VNet the rules do not cover.
        if (AddressClassifier.IsPrivate(caller.CallerIp))
            return new("no IP rule can allow a private address: reach the registry through its private endpoint, or allow the client's subnet", [ipRulesRef], []);
        if (azure is { Kind: AzureCallerKind.AzureHosted })
            return new($"defaultAction is Deny and no IP rule covers {caller.CallerIp}. {AzureCallerAdvice.HostedAddressNote(azure, caller.CallerIp)}",
                [ipRulesRef, new EvidenceRef("serviceTags", $"serviceTags.tags[{azure.Tag}]", caller.CallerIp)],
                AzureCallerAdvice.HostedAddressFix(caller.CallerIp), FixReplacesSolution: true);
        return new($"defaultAction is Deny and no IP rule covers {caller.CallerIp}", [ipRulesRef],
            [Shell.Command($"az acr network-rule add --name <registry> --ip-address {caller.CallerIp}")]);
    }
}
