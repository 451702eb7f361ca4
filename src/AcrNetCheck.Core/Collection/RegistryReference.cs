using System.Text.RegularExpressions;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection;

/// <summary>
/// The registry as the user named it: a name (<c>contoso</c>), a login server (<c>contoso.azurecr.io</c>) or a full resource
/// id. Checked before any network call.
/// </summary>
public sealed partial record RegistryReference(string Name, string? ResourceGroup, string? SubscriptionId)
{
    private const string RegistryType = "Microsoft.ContainerRegistry/registries";

    public static RegistryReference Parse(string value)
    {
        var text = value.Trim();
        if (text.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase))
        {
            var id = new ResourceId(text.TrimEnd('/'));
            if (!Arm.ArmResourceType.Of(id.Value).Equals(RegistryType, StringComparison.OrdinalIgnoreCase) || id.ResourceGroup is null)
                throw Invalid($"'{value}' is not a container registry resource id (expected /subscriptions/<id>/resourceGroups/<group>/providers/{RegistryType}/<name>).");
            return new RegistryReference(Validate(id.Name, value), id.ResourceGroup, id.SubscriptionId);
        }
        // A login server: the registry's name is its first label (contoso.azurecr.io, contoso.azurecr.cn).
        var name = text.Contains('.') ? text.Split('.')[0] : text;
        return new RegistryReference(Validate(name, value), null, null);
    }

    /// <summary>
    /// The login server when <paramref name="value"/> names the registry by it (<c>contoso.azurecr.io</c>), lower-cased;
    /// null for a bare name or a resource id.
    /// </summary>
    public static string? LoginServerIn(string? value)
    {
        var text = value?.Trim().TrimEnd('.');
        return text is { Length: > 0 } && text.Contains('.') && !text.StartsWith('/') ? text.ToLowerInvariant() : null;
    }

    /// <summary>ACR's naming rule: 5 to 50 alphanumeric characters (learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules#microsoftcontainerregistry).</summary>
    private static string Validate(string name, string original) =>
        NamePattern().IsMatch(name)
            ? name
            : throw Invalid($"'{original}' is not a valid registry name: a registry name is 5 to 50 letters and digits (no dashes, dots or underscores).");

    [GeneratedRegex("^[a-zA-Z0-9]{5,50}$")]
    private static partial Regex NamePattern();

    private static CollectionSetupException Invalid(string message) => new(SetupFailure.InvalidInput, message);

    public string ResourceIdIn(string subscriptionId, string resourceGroup) =>
        $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/{RegistryType}/{Name}";
}
