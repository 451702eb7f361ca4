using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Probes.Vantage;

/// <summary>
/// Where the probes run, from local signals only: never the instance metadata service (169.254.169.254), which would
/// cost a timeout off Azure and is not needed to say "this looks like an Azure VM".
/// </summary>
internal static class VantageDetector
{
    /// <summary>
    /// The DMI chassis asset tag every Azure VM carries (ASCII for "MSFT AZURE VM"); cloud-init's Azure datasource
    /// (cloudinit/sources/azure/identity.py, ChassisAssetTag.AZURE_CLOUD) identifies Azure by it.
    /// </summary>
    public const string AzureChassisAssetTag = "7783-7084-3265-9085-8269-3286-77";

    public const string CloudShellNote =
        "Running in Azure Cloud Shell: these probes show Cloud Shell's network (a Microsoft-hosted container with its own " +
        "public egress address), not the network of the machine where docker fails. Run acr-netcheck probe there too.";

    public static VantageEvidence Detect(VantageSignals signals)
    {
        var vantage = new VantageEvidence { Hostname = signals.Hostname };
        var env = signals.Environment;
        var azureVm = ReadTrimmed(signals.ChassisAssetTagPath) == AzureChassisAssetTag;
        var inPod = !string.IsNullOrEmpty(env("KUBERNETES_SERVICE_HOST"));

        if (IsCloudShell(env))
        {
            vantage.Kind = VantageKind.CloudShell;
            vantage.Notes.Add(CloudShellNote);
        }
        else if (inPod && azureVm)
        {
            vantage.Kind = VantageKind.AksNode;
            vantage.Notes.Add("Running in a Kubernetes pod on an Azure VM (an AKS node, judged from KUBERNETES_SERVICE_HOST and the DMI asset tag): " +
                              "a pod's DNS is CoreDNS, which forwards to the node's resolver, so kubelet pulls and the pod can see different answers.");
        }
        else if (azureVm)
        {
            vantage.Kind = VantageKind.AzureVm;
            vantage.Notes.Add("Looks like an Azure VM (DMI chassis asset tag); its subnet was not looked up (no instance metadata call).");
        }
        else if (inPod)
        {
            vantage.Notes.Add("Running in a Kubernetes pod (KUBERNETES_SERVICE_HOST); the node, not the pod, pulls images.");
        }
        return vantage;
    }

    /// <summary>
    /// Cloud Shell sets ACC_CLOUD (e.g. PROD; the Azure CLI's own check), AZUREPS_HOST_ENVIRONMENT=cloud-shell/… and
    /// AZD_IN_CLOUDSHELL.
    /// </summary>
    public static bool IsCloudShell(Func<string, string?> env) =>
        !string.IsNullOrEmpty(env("ACC_CLOUD")) ||
        (env("AZUREPS_HOST_ENVIRONMENT")?.StartsWith("cloud-shell", StringComparison.OrdinalIgnoreCase) ?? false) ||
        !string.IsNullOrEmpty(env("AZD_IN_CLOUDSHELL"));

    private static string? ReadTrimmed(string path)
    {
        try { return File.Exists(path) ? File.ReadAllText(path).Trim() : null; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
