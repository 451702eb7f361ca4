using AcrNetCheck.Core.Collection;

namespace AcrNetCheck.Core.Tests.Collection;

public sealed class RegistryReferenceTests
{
    [Theory]
    [InlineData("contoso", "contoso", null, null)]
    [InlineData("Contoso.azurecr.io", "Contoso", null, null)]
    [InlineData("contoso.azurecr.cn", "contoso", null, null)]
    [InlineData("/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/contoso",
        "contoso", "rg-registry", "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b")]
    public void Parse_NameLoginServerOrResourceId(string value, string name, string? group, string? subscription)
    {
        var reference = RegistryReference.Parse(value);
        Assert.Equal(new RegistryReference(name, group, subscription), reference);
    }

    /// <summary>Only a login server the user typed is probed before ARM is asked: a bare name may have another (domain name label).</summary>
    [Theory]
    [InlineData("Contoso.azurecr.io", "contoso.azurecr.io")]
    [InlineData(" contoso.azurecr.cn. ", "contoso.azurecr.cn")]
    [InlineData("contoso", null)]
    [InlineData("/subscriptions/6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b/resourceGroups/rg-registry/providers/Microsoft.ContainerRegistry/registries/contoso", null)]
    [InlineData(null, null)]
    public void LoginServerIn_OnlyWhenGivenAsOne(string? value, string? loginServer) =>
        Assert.Equal(loginServer, RegistryReference.LoginServerIn(value));

    [Theory]
    [InlineData("abcd")]
    [InlineData("contoso_registry")]
    [InlineData("contoso-registry.azurecr.io")]
    [InlineData("a123456789012345678901234567890123456789012345678901")]
    [InlineData("/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/contoso")]
    public void Parse_InvalidName_IsInvalidInput(string value)
    {
        var ex = Assert.Throws<CollectionSetupException>(() => RegistryReference.Parse(value));
        Assert.Equal(SetupFailure.InvalidInput, ex.Failure);
    }
}
