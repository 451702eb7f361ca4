namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>
/// Where Docker keeps proxy settings. Injectable so tests (and a user inspecting a mounted image) can point at
/// another root: <c>ACR_NETCHECK_SYSROOT</c> replaces "/" for the daemon's files, <c>DOCKER_CONFIG</c> (Docker's own
/// variable) replaces ~/.docker for the client's.
/// </summary>
public sealed record DockerConfigPaths(string DaemonJson, string SystemdDropInDirectory, string ClientConfigJson, IReadOnlyList<string> DaemonPresenceMarkers)
{
    public static DockerConfigPaths From(Func<string, string?> environment)
    {
        var root = environment("ACR_NETCHECK_SYSROOT") is { Length: > 0 } r ? r : "/";
        var home = environment("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var clientDir = environment("DOCKER_CONFIG") is { Length: > 0 } d ? d : Path.Combine(home, ".docker");
        return new DockerConfigPaths(
            Path.Combine(root, "etc/docker/daemon.json"),
            Path.Combine(root, "etc/systemd/system/docker.service.d"),
            Path.Combine(clientDir, "config.json"),
            // The daemon may run with no configuration file at all; its binary or socket still says it is there.
            [Path.Combine(root, "usr/bin/dockerd"), Path.Combine(root, "var/run/docker.sock"), Path.Combine(root, "run/docker.sock")]);
    }
}
