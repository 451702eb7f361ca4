using AcrNetCheck.Core.Collection.Probes.Vantage;
using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Tests.Collection.Probes.Vantage;

public sealed class VantageDetectorTests : IDisposable
{
    private readonly string _assetTag = Path.GetTempFileName();

    private VantageEvidence Detect(string? assetTag = null, params (string Name, string Value)[] env)
    {
        File.WriteAllText(_assetTag, assetTag ?? "None\n");
        return VantageDetector.Detect(new VantageSignals(name => env.FirstOrDefault(e => e.Name == name).Value, "dev-box", _assetTag));
    }

    [Theory]
    [InlineData("ACC_CLOUD", "PROD")]
    [InlineData("AZUREPS_HOST_ENVIRONMENT", "cloud-shell/1.0")]
    [InlineData("AZD_IN_CLOUDSHELL", "1")]
    public void CloudShell_IsDetectedAndNoted(string name, string value)
    {
        var vantage = Detect(null, (name, value));
        Assert.Equal(VantageKind.CloudShell, vantage.Kind);
        Assert.Contains(vantage.Notes, n => n.Contains("not the network of the machine where docker fails"));
    }

    [Fact]
    public void AzureAssetTag_IsAnAzureVm() =>
        Assert.Equal(VantageKind.AzureVm, Detect(VantageDetector.AzureChassisAssetTag + "\n").Kind);

    [Fact]
    public void PodOnAnAzureVm_IsAnAksNode() =>
        Assert.Equal(VantageKind.AksNode, Detect(VantageDetector.AzureChassisAssetTag, ("KUBERNETES_SERVICE_HOST", "10.0.0.1")).Kind);

    [Fact]
    public void PodElsewhere_IsLocalWithANote()
    {
        var vantage = Detect(null, ("KUBERNETES_SERVICE_HOST", "10.0.0.1"));
        Assert.Equal(VantageKind.Local, vantage.Kind);
        Assert.Contains(vantage.Notes, n => n.Contains("Kubernetes pod"));
    }

    [Fact]
    public void NoSignals_IsLocal_WithTheHostname()
    {
        var vantage = Detect();
        Assert.Equal((VantageKind.Local, "dev-box"), (vantage.Kind, vantage.Hostname));
        Assert.Empty(vantage.Notes);
    }

    [Fact]
    public void AzurePsHostEnvironmentOtherThanCloudShell_IsNotCloudShell() =>
        Assert.Equal(VantageKind.Local, Detect(null, ("AZUREPS_HOST_ENVIRONMENT", "vscode")).Kind);

    public void Dispose() => File.Delete(_assetTag);
}
