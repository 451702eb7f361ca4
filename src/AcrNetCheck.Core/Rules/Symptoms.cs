namespace AcrNetCheck.Core.Rules;

/// <summary>
/// The error strings users report, as the seed article "Troubleshoot network issues with registry" lists them
/// (learn.microsoft.com/azure/container-registry/container-registry-troubleshoot-access#symptoms). Rules name these
/// constants so one symptom reads the same in every rule that explains it.
/// </summary>
public static class Symptoms
{
    public const string NoSuchHost = "dial tcp: lookup <registry>.azurecr.io: no such host";
    public const string ClientTimeout = "Client.Timeout exceeded while awaiting headers";
    public const string CouldNotConnect = "Could not connect to the registry login server";
    public const string LoginForbidden = "Error response from daemon: login attempt failed with status: 403 Forbidden";
    public const string ProxyConnectEof = "Error response from daemon: Get <registry>: proxyconnect tcp: EOF Login failed";
    public const string HostNotReachable = "host is not reachable";
    public const string FailedToSaveNetworkSettings = "Failed to save firewall and virtual network settings for container registry";
    public const string TasksCannotPushOrPull = "ACR Tasks can't push or pull images";
    public const string DefenderCannotScan = "Microsoft Defender for Cloud can't scan images in the registry, or scan results don't appear";
}
