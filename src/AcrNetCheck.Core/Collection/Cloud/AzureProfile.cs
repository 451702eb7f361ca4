using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>One subscription the Azure CLI knows from <c>az login</c> (azureProfile.json).</summary>
public sealed record ProfileSubscription(string Id, string Name, string? TenantId, string? CloudName, bool IsDefault);

/// <summary>
/// The Azure CLI's <c>azureProfile.json</c>: the subscriptions <c>az login</c> found and which one <c>az account set</c> chose.
/// The CLI writes it with a UTF-8 byte order mark.
/// </summary>
internal static class AzureProfile
{
    public static IReadOnlyList<ProfileSubscription> Load(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            var root = JObject.Parse(File.ReadAllText(path).TrimStart('\uFEFF'));
            return (root["subscriptions"] as JArray ?? []).OfType<JObject>()
                .Select(s => new ProfileSubscription(
                    s.Value<string>("id") ?? "", s.Value<string>("name") ?? "", s.Value<string>("tenantId"),
                    s.Value<string>("environmentName"), s.Value<bool?>("isDefault") ?? false))
                .Where(s => s.Id.Length > 0)
                .ToList();
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            throw new CollectionSetupException(SetupFailure.InvalidInput, $"{path} is not valid JSON ({ex.Message.Split('.')[0]}); run 'az login' again or pass --subscription.", ex);
        }
    }
}
