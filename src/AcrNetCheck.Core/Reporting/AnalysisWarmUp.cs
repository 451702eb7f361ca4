using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Reporting;

/// <summary>
/// Runs the analysis once on a small made-up bundle, turns the report into JSON as the renderer does, and throws both
/// away, so the first real analysis finds the rule catalog built and most of the rules' code already compiled, and the
/// renderer finds the report types' serialization contracts made (reflection: the largest cost after the last answer in
/// the native build). <c>diagnose</c> runs it while its reads wait on the network: on the critical path this first use
/// cost more than a round trip. Rules are pure, so running them here has no effect on the real report.
/// </summary>
internal static class AnalysisWarmUp
{
    private const string RegistryId = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/warm-up/providers/Microsoft.ContainerRegistry/registries/warmup";

    public static void Run()
    {
        try
        {
            _ = JToken.FromObject(Analyzer.Analyze(Bundle()), EvidenceJson.Serializer);
        }
        catch (Exception)
        {
            // A warm-up only: whatever went wrong here shows up again, properly, in the real analysis.
        }
    }

    /// <summary>A Premium registry with public access limited by an IP rule and one approved private endpoint: most rules get past their first checks.</summary>
    private static EvidenceBundle Bundle() => new()
    {
        Target = new RegistryTarget { Name = "warmup", ResourceId = RegistryId, LoginServer = "warmup.azurecr.io", Cloud = "AzureCloud", LoginServerSuffix = "azurecr.io" },
        Arm = new ArmEvidence
        {
            Registry = JObject.FromObject(new
            {
                id = RegistryId,
                name = "warmup",
                type = "Microsoft.ContainerRegistry/registries",
                location = "eastus",
                sku = new { name = "Premium", tier = "Premium" },
                properties = new
                {
                    loginServer = "warmup.azurecr.io",
                    publicNetworkAccess = "Enabled",
                    dataEndpointEnabled = true,
                    networkRuleSet = new { defaultAction = "Deny", ipRules = new[] { new { action = "Allow", value = "203.0.113.0/24" } } },
                    networkRuleBypassOptions = "AzureServices",
                    privateEndpointConnections = new[]
                    {
                        new
                        {
                            id = RegistryId + "/privateEndpointConnections/pe",
                            properties = new
                            {
                                privateEndpoint = new { id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/warm-up/providers/Microsoft.Network/privateEndpoints/pe" },
                                privateLinkServiceConnectionState = new { status = "Approved" },
                            },
                        },
                    },
                },
            }),
        },
    };
}
