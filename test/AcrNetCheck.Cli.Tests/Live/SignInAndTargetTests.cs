using AcrNetCheck.Cli.Tests.Support;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Live;

/// <summary>How the tool finds the registry and signs in, like the Azure CLI the user has: defaults, names, failures.</summary>
public sealed class SignInAndTargetTests(CertificatesFixture certs) : IClassFixture<CertificatesFixture>
{
    [Fact]
    public async Task SignedOutAzureCli_ExitsWithSignInCodeAndSaysAzLogin()
    {
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture);
        azure.WriteFakeAz("echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1");

        var result = await azure.RunAsync("diagnose", "-n", "contoso");

        Assert.Equal(ExitCodes.SignInFailed, result.ExitCode);
        Assert.Equal("", result.StdOut);
        var line = Assert.Single(result.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("AzureCliCredential", line);
        Assert.Contains("az login", line);
        Assert.Empty(azure.Arm.ArmPaths);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("contoso-registry")]
    [InlineData("/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/contoso")]
    public async Task InvalidRegistry_RejectedBeforeAnyNetworkCall(string registry)
    {
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture);

        var result = await azure.RunAsync("diagnose", "-n", registry);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.StartsWith("error: ", result.StdErr);
        Assert.Empty(azure.Arm.Requests);
    }

    [Fact]
    public async Task UnknownRegistry_ExitsNotFound()
    {
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture);

        var result = await azure.RunAsync("diagnose", "-n", "fabrikam");

        Assert.Equal(ExitCodes.RegistryNotFound, result.ExitCode);
        Assert.Contains("no registry named 'fabrikam'", result.StdErr);
    }

    [Fact]
    public async Task AzConfigureDefaults_NameTheRegistryAndGroup_SubscriptionByName()
    {
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture);
        File.AppendAllText(Path.Combine(azure.ConfigDir, "config"), $"\n[defaults]\nacr = contoso\ngroup = {EvidenceBuilder.Group}\n");

        var result = await azure.RunAsync("diagnose", "--subscription", "Contoso Production", "--query", "registry.id");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains($"/resourceGroups/{EvidenceBuilder.Group}/providers/Microsoft.ContainerRegistry/registries/contoso", result.StdOut);
        // With the group known there is no list call to find the registry.
        Assert.DoesNotContain(azure.Arm.ArmPaths, p => p.EndsWith("/resources"));
    }

    [Fact]
    public async Task CloudShellManagedIdentity_SignsInThroughMsiEndpoint()
    {
        await using var azure = await LocalAzure.StartAsync(certs.Certificates, ArmScenario.FromSample("healthy-public").Fixture);
        azure.Environment.Remove("AZURE_TOKEN_CREDENTIALS");
        azure.Environment["MSI_ENDPOINT"] = new Uri(azure.Arm.BaseUri, "msi/token").ToString();
        azure.WriteFakeAz("exit 1");

        var result = await azure.RunAsync("diagnose", "-n", "contoso.azurecr.io", "--auth", "managed-identity", "--query", "status");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("\"healthy\"", result.StdOut.Trim());
        Assert.Contains(azure.Arm.Requests, r => r.PathAndQuery.StartsWith("/msi/token"));
    }
}
