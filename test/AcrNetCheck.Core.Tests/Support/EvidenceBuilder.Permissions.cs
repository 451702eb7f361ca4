using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

public sealed partial class EvidenceBuilder
{
    /// <summary>The permissions API's answer at the registry's scope: one entry per role, as Permissions_ListForResource returns it.</summary>
    public EvidenceBuilder CallerPermissions(params (string[] Actions, string[] NotActions)[] roles)
    {
        var path = ArmPaths.CallerPermissions(RegistryId);
        return Resource(new JObject
        {
            ["id"] = path,
            ["value"] = new JArray(roles.Select(r => new JObject
            {
                ["actions"] = new JArray(r.Actions), ["notActions"] = new JArray(r.NotActions),
                ["dataActions"] = new JArray(), ["notDataActions"] = new JArray(),
            })),
        });
    }

    /// <summary>The Reader role's permissions (*/read).</summary>
    public EvidenceBuilder ReaderOnly() => CallerPermissions((["*/read"], []));
}

public sealed partial class EvidenceBuilder
{
    /// <summary>Adds AzureBastionSubnet to <paramref name="vnet"/>'s embedded subnets (the VNet must have been added).</summary>
    public EvidenceBuilder Bastion(string vnet)
    {
        var properties = (JObject)Arm.Resources[VnetId(vnet)]["properties"]!;
        ((JArray)(properties["subnets"] ??= new JArray())).Add(new JObject { ["name"] = "AzureBastionSubnet", ["id"] = SubnetId(vnet, "AzureBastionSubnet") });
        return this;
    }
}
