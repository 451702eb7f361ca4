using System.Text;
using AcrNetCheck.Core.Collection;
using AcrNetCheck.Core.Collection.Cloud;

namespace AcrNetCheck.Core.Tests.Collection.Cloud;

public sealed class AzureCliConfigTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("azure-config-");

    private AzureCliConfig Load() => AzureCliConfig.Load(name => name == "AZURE_CONFIG_DIR" ? _dir.FullName : null);

    private void Write(string file, string text, bool bom = false) => File.WriteAllText(Path.Combine(_dir.FullName, file), text, new UTF8Encoding(bom));

    [Fact]
    public void NoConfiguration_PublicCloudAndNoDefaults()
    {
        var config = Load();
        Assert.Equal(AzureCloud.Public, config.ResolveCloud());
        Assert.Null(config.DefaultRegistry);
        Assert.Null(config.DefaultSubscription("AzureCloud"));
    }

    [Fact]
    public void ActiveCustomCloud_EndpointsAudienceAndSuffixFromCloudsConfig()
    {
        Write("config", "[cloud]\nname = Stack\n\n[defaults]\nacr = contoso\ngroup = rg-registry\n");
        Write("clouds.config", "[Stack]\nendpoint_resource_manager = https://management.stack.example\n" +
                               "endpoint_active_directory_resource_id = https://management.stack.example/abc\n" +
                               "endpoint_log_analytics_resource_id = https://logs.stack.example\nsuffix_acr_login_server_endpoint = .azurecr.stack.example\n");

        var config = Load();
        var cloud = config.ResolveCloud();

        Assert.Equal("Stack", cloud.Name);
        Assert.Equal("https://management.stack.example/", cloud.ResourceManager.ToString());
        Assert.Equal("https://management.stack.example/abc/.default", cloud.ManagementScope);
        Assert.Equal("https://logs.stack.example/", cloud.LogAnalytics!.ToString());
        Assert.Equal("azurecr.stack.example", cloud.AcrLoginServerSuffix);
        Assert.Equal("contoso", config.DefaultRegistry);
        Assert.Equal("rg-registry", config.DefaultGroup);
    }

    [Fact]
    public void CustomCloudWithoutLogAnalyticsEndpoint_HasNone_NotThePublicOne()
    {
        Write("config", "[cloud]\nname = Stack\n");
        Write("clouds.config", "[Stack]\nendpoint_resource_manager = https://management.stack.example\n");

        var cloud = Load().ResolveCloud();

        Assert.Null(cloud.LogAnalytics);
        Assert.Null(cloud.LogAnalyticsScope);
    }

    [Fact]
    public void CloudOption_OverridesTheActiveCloud()
    {
        Write("config", "[cloud]\nname = AzureCloud\n");
        var cloud = Load().ResolveCloud("azurechinacloud");
        Assert.Equal("https://management.chinacloudapi.cn/", cloud.ResourceManager.ToString());
        Assert.Equal("azurecr.cn", cloud.AcrLoginServerSuffix);
    }

    [Fact]
    public void UnknownCloud_IsInvalidInput()
    {
        var ex = Assert.Throws<CollectionSetupException>(() => Load().ResolveCloud("Nowhere"));
        Assert.Equal(SetupFailure.InvalidInput, ex.Failure);
        Assert.Contains("Nowhere", ex.Message);
    }

    [Fact]
    public void AzureProfileWithByteOrderMark_DefaultSubscriptionOfTheCloud()
    {
        Write("azureProfile.json", """
            {"subscriptions": [
              {"id": "11111111-1111-1111-1111-111111111111", "name": "China", "isDefault": true, "environmentName": "AzureChinaCloud"},
              {"id": "22222222-2222-2222-2222-222222222222", "name": "Prod", "isDefault": true, "environmentName": "AzureCloud"},
              {"id": "33333333-3333-3333-3333-333333333333", "name": "Dev", "isDefault": false, "environmentName": "AzureCloud"}]}
            """, bom: true);

        var config = Load();

        Assert.Equal("22222222-2222-2222-2222-222222222222", config.DefaultSubscription("AzureCloud")!.Id);
        Assert.Equal(3, config.Subscriptions.Count);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
