using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>
/// Builds minimal evidence bundles in real ARM shapes (modelled on test/fixtures/reference/arm-examples) for rule tests.
/// Area-specific helpers live in partial files beside this one.
/// </summary>
public sealed partial class EvidenceBuilder
{
    public const string Subscription = "6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
    public const string Group = "rg-registry";
    public const string NetGroup = "rg-network";

    private readonly EvidenceBundle _bundle = new();
    private JObject? _registry;

    public string RegistryName { get; private set; } = "contoso";
    public string Location { get; private set; } = "eastus";
    public string RegistryId => $"/subscriptions/{Subscription}/resourceGroups/{Group}/providers/Microsoft.ContainerRegistry/registries/{RegistryName}";
    public string LoginServer => $"{RegistryName}.azurecr.io";

    public static EvidenceBuilder Create() => new();

    /// <summary>A Standard/Premium registry as the 2025-11-01 Get example returns it: public, Allow, no rules.</summary>
    public EvidenceBuilder Registry(string name = "contoso", string location = "eastus", string sku = "Premium")
    {
        RegistryName = name;
        Location = location;
        _registry = JObject.FromObject(new
        {
            sku = new { name = sku, tier = sku },
            type = "Microsoft.ContainerRegistry/registries",
            id = RegistryId,
            name,
            location,
            tags = new { },
            properties = new
            {
                loginServer = $"{name}.azurecr.io",
                provisioningState = "Succeeded",
                adminUserEnabled = false,
                networkRuleSet = new { defaultAction = "Allow", virtualNetworkRules = Array.Empty<object>(), ipRules = Array.Empty<object>() },
                dataEndpointEnabled = false,
                dataEndpointHostNames = Array.Empty<string>(),
                privateEndpointConnections = Array.Empty<object>(),
                publicNetworkAccess = "Enabled",
                networkRuleBypassOptions = "AzureServices",
                zoneRedundancy = "Disabled",
                anonymousPullEnabled = false,
            },
        });
        Arm.Registry = _registry;
        _bundle.Target = new RegistryTarget { Name = name, ResourceId = RegistryId, LoginServer = LoginServer };
        return this;
    }

    public EvidenceBuilder PublicNetworkAccess(string value) => SetProp("publicNetworkAccess", value);
    public EvidenceBuilder PublicAccessDisabled() => PublicNetworkAccess("Disabled");
    public EvidenceBuilder DefaultAction(string value) => SetProp("networkRuleSet.defaultAction", value);
    public EvidenceBuilder DefaultDeny() => DefaultAction("Deny");
    public EvidenceBuilder Bypass(string value) => SetProp("networkRuleBypassOptions", value);
    public EvidenceBuilder RegistryProperty(string path, JToken value) => SetProp(path, value);

    public EvidenceBuilder IpRule(string cidr)
    {
        ((JArray)RequireRegistry().SelectToken("properties.networkRuleSet.ipRules")!).Add(JObject.FromObject(new { action = "Allow", value = cidr }));
        return this;
    }

    public EvidenceBuilder VnetRule(string subnetId)
    {
        ((JArray)RequireRegistry().SelectToken("properties.networkRuleSet.virtualNetworkRules")!).Add(JObject.FromObject(new { action = "Allow", id = subnetId }));
        return this;
    }

    /// <summary>As read with api-version 2023-11-01-preview or newer: the key is simply absent.</summary>
    public EvidenceBuilder VnetRulesHidden()
    {
        ((JObject)RequireRegistry().SelectToken("properties.networkRuleSet")!).Remove("virtualNetworkRules");
        return this;
    }

    /// <summary>
    /// The registry's second read, at api-version 2025-11-01 (<c>arm.registryCurrent</c>): the document so far, without
    /// virtualNetworkRules, with networkRuleBypassAllowedForTasks. Call it after the registry's other settings.
    /// </summary>
    public EvidenceBuilder RegistryCurrent(bool networkRuleBypassAllowedForTasks)
    {
        var current = (JObject)RequireRegistry().DeepClone();
        ((JObject?)current.SelectToken("properties.networkRuleSet"))?.Remove("virtualNetworkRules");
        current["properties"]!["networkRuleBypassAllowedForTasks"] = networkRuleBypassAllowedForTasks;
        Arm.RegistryCurrent = current;
        Arm.RegistryCurrentApiVersion = "2025-11-01";
        return this;
    }

    /// <summary>Dedicated data endpoints on, one host per region (home and replicas added so far or later).</summary>
    public EvidenceBuilder DataEndpoints()
    {
        SetProp("dataEndpointEnabled", true);
        SyncDataEndpointHostNames();
        return this;
    }

    /// <summary>A geo-replica, listed under {registryId}/replications (with the home-region replication ARM also lists).</summary>
    public EvidenceBuilder Replica(string region, string displayStatus = "Ready")
    {
        var list = ListFor(ArmPaths.Replications(RegistryId));
        if (list.Count == 0) AddReplication(Location, "Ready", list);
        AddReplication(region, displayStatus, list);
        SyncDataEndpointHostNames();
        return this;
    }

    public EvidenceBuilder ReplicationsRead()
    {
        var list = ListFor(ArmPaths.Replications(RegistryId));
        if (list.Count == 0) AddReplication(Location, "Ready", list);
        return this;
    }

    private void AddReplication(string region, string status, List<string> list)
    {
        var id = $"{RegistryId}/replications/{region}";
        Resource(JObject.FromObject(new
        {
            type = "Microsoft.ContainerRegistry/registries/replications", id, name = region, location = region,
            properties = new { provisioningState = "Succeeded", status = new { displayStatus = status }, regionEndpointEnabled = true, zoneRedundancy = "Disabled" },
        }));
        list.Add(id);
    }

    private void SyncDataEndpointHostNames()
    {
        if (_registry?.SelectToken("properties.dataEndpointEnabled")?.Value<bool>() != true) return;
        var view = new EvidenceView(_bundle);
        SetProp("dataEndpointHostNames", new JArray(view.Regions.Select(r => $"{RegistryName}.{r}.data.azurecr.io")));
    }

    public EvidenceBuilder Describe(string description)
    {
        _bundle.Description = description;
        return this;
    }

    public EvidenceBuilder Resource(JObject document)
    {
        Arm.Resources[document.Value<string>("id")!] = document;
        return this;
    }

    public EvidenceBuilder List(string key, params string[] ids)
    {
        ListFor(key).AddRange(ids);
        return this;
    }

    public EvidenceBuilder CollectionError(string read, string resourceId, int status, string code, string permission)
    {
        _bundle.CollectionErrors.Add(new CollectionError { Read = read, ResourceId = resourceId, Status = status, ErrorCode = code, RequiredPermission = permission, Message = $"{code} on {resourceId}" });
        return this;
    }

    public EvidenceBuilder Vantage(string kind = VantageKind.Local, string? publicIp = null, string? subnetId = null)
    {
        _bundle.Vantage = new VantageEvidence { Kind = kind, Hostname = "dev-box", PublicIp = publicIp, SubnetId = subnetId };
        return this;
    }

    public EvidenceBuilder ServiceTag(string name, params string[] prefixes)
    {
        _bundle.ServiceTags ??= new ServiceTagEvidence { ChangeNumber = "360", Cloud = "Public" };
        _bundle.ServiceTags.Tags[name] = prefixes.ToList();
        return this;
    }

    public EvidenceBundle Build() => EvidenceLoader.Parse(EvidenceLoader.Serialize(_bundle), "test bundle");

    public EvidenceView View() => new(Build());

    public string ToJson() => EvidenceLoader.Serialize(_bundle);

    private ArmEvidence Arm => _bundle.Arm ??= new ArmEvidence { RegistryApiVersion = "2021-08-01-preview" };

    private EvidenceBundle Bundle => _bundle;

    private List<string> ListFor(string key) => Arm.Lists.TryGetValue(key, out var l) ? l : Arm.Lists[key] = new();

    private JObject RequireRegistry() => _registry ?? throw new InvalidOperationException("Call Registry() first.");

    private EvidenceBuilder SetProp(string path, JToken value)
    {
        var target = (JObject)RequireRegistry()["properties"]!;
        var parts = path.Split('.');
        foreach (var part in parts[..^1]) target = (JObject)(target[part] ??= new JObject());
        target[parts[^1]] = value;
        return this;
    }

    public static string SubnetId(string vnet, string subnet, string subscription = Subscription, string group = NetGroup) =>
        $"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}";

    public static string VnetId(string vnet, string subscription = Subscription, string group = NetGroup) =>
        $"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{vnet}";
}
