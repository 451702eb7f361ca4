using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Logs;

namespace AcrNetCheck.Core.Rules.Auth;

internal sealed class SuspectedRule : Rule
{
    public new const string Id = "auth.suspected";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Auth,
        severity: Severity.Warning,
        title: "Logins fail on credentials, not on the network",
        cause: "The registry's login events show the caller's requests arriving and being refused with 401: the network path works, " +
               "the credentials (an expired token, a wrong identity, a missing AcrPull or AcrPush role) do not.",
        solution:
        [
            "Log in again to get a fresh token (Microsoft Entra tokens expire after 3 hours): az acr login --name <registry>",
            "Check the identity's roles on the registry (AcrPull to pull, AcrPush to push): az role assignment list --scope <registry-id> -o table",
            "Grant a missing role: az role assignment create --assignee <principal-id> --role AcrPull --scope <registry-id>",
            "Follow the login troubleshooting guide for admin-user, token and service-principal credentials",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-login",
        // The seed article's errors all describe the network; these are the docker and az errors a 401 produces instead.
        symptoms: ["unauthorized: authentication required", "Error response from daemon: Get https://<registry>.azurecr.io/v2/: unauthorized"]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.LoginEvents is not { } events) return LoginEventFacts.Missing(evidence);
        var source = LoginEventFacts.Source(events);
        var networkDenied = LoginEventFacts.ByCaller(events, LoginEventKind.NetworkDenied).Select(c => c.CallerIp).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var successes = LoginEventFacts.ByCaller(events, LoginEventKind.Success).ToDictionary(c => c.CallerIp, c => c.Count, StringComparer.OrdinalIgnoreCase);

        return RuleResult.From(LoginEventFacts.ByCaller(events, LoginEventKind.AuthenticationFailed)
            .Where(caller => !networkDenied.Contains(caller.CallerIp))
            .Select(caller => new Finding
            {
                Subject = caller.CallerIp,
                Message = $"{caller.Summary} failed authentication ({FindingText.List(caller.Results)}) with no network denial for this caller: " +
                          "the network let the requests through and the credentials were refused." +
                          (successes.TryGetValue(caller.CallerIp, out var ok)
                              ? $" The same address also logged in {ok} time(s), which points at an expired token or another identity."
                              : ""),
                Evidence = [caller.EvidenceFrom(source)],
                Fix =
                [
                    "az acr login --name <registry>",
                    .. caller.Identities.Where(IsDirectoryPrincipal).Select(i => Shell.Command($"az role assignment list --scope <registry-id> --assignee {i} -o table")),
                ],
            }));
    }

    /// <summary>Object ids and user principal names can be looked up in role assignments; admin user and token names cannot.</summary>
    private static bool IsDirectoryPrincipal(string identity) => Guid.TryParse(identity, out _) || identity.Contains('@');
}
