using AcrNetCheck.Core.Evidence.Arm;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

public sealed partial class EvidenceBuilder
{
    /// <summary>The permissions API's answer at the registry's scope: one entry per role, as Permissions_ListForResource returns it.</summary>
    public EvidenceBuilder CallerPermissions(params (string[] Actions, string[] NotActions)[] roles) => CallerPermissionsAt(RegistryId, roles);

    /// <summary>The permissions API's answer at <paramref name="scope"/> (a subnet's id, say), one entry per role.</summary>
    public EvidenceBuilder CallerPermissionsAt(string scope, params (string[] Actions, string[] NotActions)[] roles)
    {
        var path = ArmPaths.CallerPermissions(scope);
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

    /// <summary>The Reader role's permissions (*/read) at <paramref name="scope"/>.</summary>
    public EvidenceBuilder ReaderOnlyAt(string scope) => CallerPermissionsAt(scope, (["*/read"], []));
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

public sealed partial class EvidenceBuilder
{
    /// <summary>A pull test (probe --pull-test) of samples/hello:latest that got as far as <paramref name="steps"/>; needs probes first.</summary>
    public EvidenceBuilder PullTest(params (string Name, int? Status, string? Error)[] steps)
    {
        var urls = new Dictionary<string, string>
        {
            ["exchange"] = $"https://{LoginServer}/oauth2/exchange", ["token"] = $"https://{LoginServer}/oauth2/token",
            ["manifest"] = $"https://{LoginServer}/v2/samples/hello/manifests/latest", ["blob"] = $"https://{LoginServer}/v2/samples/hello/blobs/sha256:aa11",
            ["storage"] = "https://contosoeastus.blob.core.windows.net/0000/sha256-aa11",
        };
        (_bundle.Probes ??= new ProbeEvidence()).PullTest = new PullTestEvidence
        {
            Repository = "samples/hello", Reference = "latest",
            Steps = steps.Select(s => new PullStep { Name = s.Name, Url = urls[s.Name], StatusCode = s.Status, Error = s.Error, ElapsedMs = 12 }).ToList(),
        };
        return this;
    }
}
