using AcrNetCheck.Core.Collection.Probes.Proxy;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Rules.Client;

internal sealed class ProxyDockerMismatchRule : Rule
{
    public new const string Id = "client.proxy-docker-mismatch";

    public override RuleDescriptor Descriptor { get; } = Descriptors.Create(
        id: Id,
        area: RuleArea.Client,
        severity: Severity.Warning,
        title: "The Docker daemon does not use the shell's HTTPS proxy",
        cause: "docker pull and push are made by the Docker daemon, which does not read the shell's HTTPS_PROXY: it uses only the proxy " +
               "in its own configuration. When that is missing or different, the daemon takes another path than the one that works from the shell.",
        solution:
        [
            "Give the daemon the proxy in /etc/docker/daemon.json: \"proxies\": { \"https-proxy\": \"<proxy-url>\", \"no-proxy\": \"<no-proxy-list>\" }",
            "Or in a systemd drop-in /etc/systemd/system/docker.service.d/http-proxy.conf: [Service] Environment=\"HTTPS_PROXY=<proxy-url>\" \"NO_PROXY=<no-proxy-list>\"",
            "Restart the daemon: sudo systemctl daemon-reload && sudo systemctl restart docker",
            "Verify: docker info | grep -i proxy",
        ],
        docLink: Descriptors.Pages.DockerDaemonProxy,
        symptoms:
        [
            Symptoms.ClientTimeout,
            Symptoms.CouldNotConnect,
            Symptoms.ProxyConnectEof,
        ]);

    public override RuleResult Evaluate(EvidenceView evidence)
    {
        if (evidence.Bundle.Probes?.Proxy is not { } proxy) return RuleResult.Needs("probes.proxy");
        var shellProxy = proxy.Environment?.HttpsProxy;
        if (string.IsNullOrWhiteSpace(shellProxy)) return RuleResult.NotApplicable("the shell has no HTTPS proxy");
        if (!proxy.DockerConfigInspected) return RuleResult.Needs("probes.proxy.dockerDaemon");

        var daemonProxy = proxy.DockerDaemon?.HttpsProxy;
        if (!string.IsNullOrWhiteSpace(daemonProxy) && ProxyUrl.SameProxy(shellProxy, daemonProxy)) return RuleResult.Pass();

        var shown = ProxyUrl.WithoutCredentials(shellProxy)!;
        var daemonSource = proxy.DockerDaemon?.Source is { Length: > 0 } s ? $" ({s})" : "";
        var daemonSays = string.IsNullOrWhiteSpace(daemonProxy)
            ? $"the Docker daemon has no HTTPS proxy{daemonSource}, so docker pull and push try to go direct"
            : $"the Docker daemon uses {ProxyUrl.WithoutCredentials(daemonProxy)}{daemonSource}";
        var configured = ProxyUrl.ForConfiguration(shellProxy)!;
        var noProxy = proxy.Environment?.NoProxy is { Length: > 0 } n ? $" \"NO_PROXY={n}\"" : "";
        return RuleResult.Fail(new Finding
        {
            Subject = "docker daemon",
            Message = $"The shell sends HTTPS through {shown}, but {daemonSays}.",
            Evidence = [new EvidenceRef("probes.proxy", "probes.proxy.dockerDaemon.httpsProxy", ProxyUrl.WithoutCredentials(daemonProxy), shown)],
            Fix =
            [
                $"sudo mkdir -p /etc/systemd/system/docker.service.d && printf '[Service]\\nEnvironment=\"HTTPS_PROXY={configured}\"{noProxy}\\n' | sudo tee /etc/systemd/system/docker.service.d/http-proxy.conf",
                "sudo systemctl daemon-reload && sudo systemctl restart docker && docker info | grep -i proxy",
            ],
        });
    }
}
