using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>
/// The proxies Docker uses, read from its files: docker pull and push are made by the daemon, which ignores the shell's
/// HTTPS_PROXY. Sources: https://docs.docker.com/engine/daemon/proxy/ (daemon.json "proxies", systemd drop-ins) and
/// https://docs.docker.com/engine/cli/proxy/ (~/.docker/config.json "proxies", applied to containers and builds).
/// </summary>
internal static class DockerProxyConfig
{
    /// <summary>The daemon's proxy: daemon.json wins over systemd's environment, as dockerd applies it; null when it has none.</summary>
    public static ProxySettings? Daemon(DockerConfigPaths paths, string loginServer) =>
        FromDaemonJson(paths.DaemonJson, loginServer) ?? FromSystemdDropIns(paths.SystemdDropInDirectory, loginServer);

    /// <summary>Whether there is a daemon to ask about at all (a config file, drop-ins, its binary or socket).</summary>
    public static bool DaemonPresent(DockerConfigPaths paths) =>
        File.Exists(paths.DaemonJson) || Directory.Exists(paths.SystemdDropInDirectory) || paths.DaemonPresenceMarkers.Any(Path.Exists);

    public static ProxySettings? FromDaemonJson(string path, string loginServer)
    {
        var proxies = ReadJson(path)?["proxies"] as JObject;
        return proxies is null ? null
            : Settings(path, proxies.Value<string>("https-proxy"), proxies.Value<string>("http-proxy"), proxies.Value<string>("no-proxy"), loginServer);
    }

    public static ProxySettings? FromClientConfig(string path, string loginServer)
    {
        var proxies = ReadJson(path)?["proxies"]?["default"] as JObject;
        return proxies is null ? null
            : Settings(path, proxies.Value<string>("httpsProxy"), proxies.Value<string>("httpProxy"), proxies.Value<string>("noProxy"), loginServer);
    }

    /// <summary>Every *.conf drop-in in name order (systemd's order; a later assignment of a variable wins).</summary>
    public static ProxySettings? FromSystemdDropIns(string directory, string loginServer)
    {
        if (!Directory.Exists(directory)) return null;
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var sources = new List<string>();
        foreach (var file in Directory.GetFiles(directory, "*.conf").Order(StringComparer.Ordinal))
        {
            var found = SystemdEnvironment.Parse(SafeRead(file));
            if (found.Count == 0) continue;
            sources.Add(file);
            foreach (var (name, value) in found) variables[name] = value;
        }
        string? Get(string name) => variables.GetValueOrDefault(name) ?? variables.GetValueOrDefault(name.ToLowerInvariant());
        return sources.Count == 0 ? null
            : Settings(string.Join(", ", sources), Get("HTTPS_PROXY"), Get("HTTP_PROXY"), Get("NO_PROXY"), loginServer);
    }

    private static ProxySettings? Settings(string source, string? https, string? http, string? noProxy, string loginServer)
    {
        if (string.IsNullOrWhiteSpace(https) && string.IsNullOrWhiteSpace(http) && string.IsNullOrWhiteSpace(noProxy)) return null;
        return new ProxySettings
        {
            Source = source,
            HttpsProxy = ProxyUrl.WithoutCredentials(https),
            HttpProxy = ProxyUrl.WithoutCredentials(http),
            NoProxy = string.IsNullOrWhiteSpace(noProxy) ? null : noProxy,
            BypassesRegistry = string.IsNullOrWhiteSpace(https) ? null : new NoProxyList(noProxy, NoProxyDialect.Go).Bypasses(loginServer),
        };
    }

    private static JObject? ReadJson(string path)
    {
        var text = SafeRead(path);
        if (text.Length == 0) return null;
        try { return JObject.Parse(text); }
        catch (JsonException) { return null; }  // dockerd itself refuses to start on it; nothing to read here.
    }

    private static string SafeRead(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path) : ""; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
    }
}
