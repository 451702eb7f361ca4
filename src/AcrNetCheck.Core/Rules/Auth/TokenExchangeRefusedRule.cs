using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Auth;

internal sealed class TokenExchangeRefusedRule : Rule
{
    public new const string Id = "auth.token-exchange-refused";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Auth,
        severity: Severity.Error,
        title: "The registry refused the signed-in identity's token: credentials, not the network",
        cause: "The pull test reached the registry (DNS, TCP, TLS and HTTP all worked) and exchanged the identity's Microsoft Entra token " +
               "at /oauth2/exchange and /oauth2/token, as az acr login does; the registry answered 401 or 403. The identity has no role " +
               "that allows pulling (AcrPull, AcrPush, or a Container Registry Repository Reader for ABAC registries), the token is for " +
               "another tenant, or the registry does not accept Microsoft Entra tokens for the data plane.",
        solution:
        [
            "See the identity's roles on the registry: az role assignment list --scope <registry-id> --assignee <principal-id> -o table",
            "Grant pull: az role assignment create --assignee <principal-id> --role AcrPull --scope <registry-id>",
            "Sign in to the registry's tenant: az login --tenant <tenant-id>, then az acr login --name <registry>",
        ],
        docLink: "https://learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-login",
        symptoms: ["unauthorized: authentication required", "Error response from daemon: Get https://<registry>.azurecr.io/v2/: unauthorized"]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Probes?.PullTest is not { } pullTest) return RuleResult.Needs("probes.pullTest (probe --pull-test)");
        var steps = pullTest.Steps.Where(s => s.Name is PullStepName.Exchange or PullStepName.Token).ToList();
        if (steps.Count == 0) return RuleResult.Needs("probes.pullTest.steps[name=exchange]");
        if (steps.FirstOrDefault(s => s.ErrorKind is not null) is { } unanswered)
            return RuleResult.NotApplicable($"the {unanswered.Name} request got no answer ({unanswered.ErrorKind}): a network cause, judged by the client rules");

        var refused = steps.Where(s => s.StatusCode is 401 or 403).ToList();
        if (refused.Count == 0) return RuleResult.Pass("the registry exchanged the identity's token");
        var step = refused[0];
        var index = pullTest.Steps.IndexOf(step);
        var what = step.Name == PullStepName.Exchange
            ? "refused to exchange the signed-in identity's Microsoft Entra token for a registry refresh token"
            : $"refused a token for {(pullTest.Repository.Length > 0 ? $"repository {pullTest.Repository} (pull)" : "the catalog")}";
        return RuleResult.Fail(new Finding
        {
            Subject = step.Url,
            Message = $"{evidence.LoginServer ?? evidence.RegistryName} {what}: HTTP {step.StatusCode}{(step.Error is { Length: > 0 } e ? $" ({e})" : "")}. " +
                      "The request arrived and was answered, so the network path works: the identity lacks a pull role, or signed in to another tenant.",
            Evidence = [new EvidenceRef(step.Url, $"probes.pullTest.steps[{index}].statusCode", step.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture), "200")],
            Fix = evidence.RegistryId is { } id ? [Shell.Command($"az role assignment create --assignee <principal-id> --role AcrPull --scope {id}")] : [],
        });
    }
}
