using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Tests.Support;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Collection.Arm;

public class ServiceTagSelectionTests
{
    private static readonly JObject Download = JObject.Parse(File.ReadAllText(Path.Combine(Reference.Folder, "service-tags", "ServiceTags_Public.json")));

    [Fact]
    public void RegistryInEastUs_KeepsItsRegistryTagsAndAzureCloudForItsRegionOnly()
    {
        var selected = ServiceTagSelection.Select(Download, new HashSet<string>(["eastus"], StringComparer.OrdinalIgnoreCase), new HashSet<string>());

        Assert.Contains("AzureContainerRegistry", selected.Tags.Keys);
        Assert.Contains("AzureContainerRegistry.EastUS", selected.Tags.Keys);
        // A refused caller in the registry's region can be told to be a machine in Azure; the global list (12,000 prefixes) stays out.
        Assert.Contains("AzureCloud.eastus", selected.Tags.Keys);
        Assert.DoesNotContain("AzureCloud", selected.Tags.Keys);
        Assert.DoesNotContain("AzureCloud.eastus2", selected.Tags.Keys);
        Assert.DoesNotContain("AzureContainerRegistry.WestEurope", selected.Tags.Keys);
    }

    [Fact]
    public void TagNamedByAnNsgRule_KeptWhole()
    {
        var selected = ServiceTagSelection.Select(Download, new HashSet<string>(["eastus"]), new HashSet<string>(["AzureCloud"], StringComparer.OrdinalIgnoreCase));

        Assert.True(selected.Tags["AzureCloud"].Count > 10_000);
    }
}
