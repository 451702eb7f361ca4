using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// One registry's evidence bundle, in exactly the shape <c>collect</c> writes (<c>arm.registry</c>, <c>arm.resources</c> by id,
/// <c>arm.lists</c> by <see cref="ArmPaths"/> key, <c>collectionErrors</c>), from the fleet index. Records what it could
/// not find instead of judging it: a list is written only when its query finished, so "listed, none" never stands in for
/// "not read".
/// </summary>
internal sealed class FleetBundleAssembler(FleetIndex index, FleetScanOptions options, DateTimeOffset collectedAt)
{
    public const string ProbesNotRun =
        "Fleet scan through Azure Resource Graph: configuration only. Client-side probes (DNS, TCP, TLS, HTTP) were not run, " +
        "so rules that need them are skipped.";

    public EvidenceBundle Assemble(FrozenDocument frozen)
    {
        var registry = frozen.Thaw();
        var id = registry.Value<string>("id") ?? "";
        var view = new RegistryView(registry);
        var bundle = new EvidenceBundle
        {
            Description = ProbesNotRun,
            Tool = new ToolInfo { Version = options.ToolVersion },
            CollectedAt = collectedAt,
            Target = new RegistryTarget { Name = view.Name, ResourceId = id, LoginServer = view.LoginServer, LoginServerSuffix = options.LoginServerSuffix },
            Arm = new ArmEvidence { Registry = registry },
            Vantage = new VantageEvidence { Kind = VantageKind.Subnet, Notes = [ProbesNotRun] },
        };
        var writer = new BundleWriter(bundle, index);

        foreach (var list in new[] { ArmPaths.Replications(id), ArmPaths.Tasks(id), ArmPaths.AgentPools(id) })
            writer.QueriedList(list, FleetQueries.RegistryChildrenName, "registryChildren", "Microsoft.ContainerRegistry/registries/*/read");
        writer.FallbackList(ArmPaths.DiagnosticSettings(id), FleetFallbackRead.DiagnosticSettings);

        foreach (var connection in view.PrivateEndpointConnections)
            if (connection.PrivateEndpointId is { } peId) AddPrivateEndpoint(writer, peId, connection.IsApproved);
        if (bundle.Arm.SkippedReads is not null) AddListedZones(writer, view);
        foreach (var rule in view.VirtualNetworkRules ?? [])
        {
            AddSubnet(writer, rule.SubnetId);
            if (new ResourceId(rule.SubnetId).SubscriptionId is { } subscription)
                writer.FallbackResource(ArmPaths.Provider(subscription), FleetFallbackRead.ProviderRegistration);
        }
        return bundle;
    }

    private void AddPrivateEndpoint(BundleWriter writer, string peId, bool approved)
    {
        // The zone groups are read by endpoint id, so they still come when the endpoint's own row did not.
        if (writer.Queried(peId, FleetQueries.PrivateEndpointsName, "privateEndpoint", "Microsoft.Network/privateEndpoints/read") is { } doc)
        {
            var pe = new PrivateEndpointView(doc);
            foreach (var nic in pe.NetworkInterfaceIds)
                writer.Queried(nic, FleetQueries.PrivateEndpointsName, "networkInterface", "Microsoft.Network/networkInterfaces/read");
            if (pe.SubnetId is { } subnetId) AddSubnet(writer, subnetId);
        }
        if (new ResourceId(peId).SubscriptionId is { } subscription) AddSubscriptionZones(writer, subscription);
        if (!approved) return;

        var groupsKey = ArmPaths.PrivateDnsZoneGroups(peId);
        if (index.ZoneGroupsNotNeeded.TryGetValue(groupsKey, out var skip))
        {
            // Left out on purpose (ZoneGroupNeed): the zone linked where the endpoint resolves comes instead, with its links and records.
            (writer.Bundle.Arm!.SkippedReads ??= new(StringComparer.OrdinalIgnoreCase))[groupsKey] = skip.Reason;
            AddZone(writer, skip.AnsweringZoneId);
            return;
        }
        if (!writer.FallbackList(groupsKey, FleetFallbackRead.PrivateDnsZoneGroups)) return;
        foreach (var group in writer.Bundle.Arm!.Lists[groupsKey].Select(id => writer.Bundle.Arm.Resources.GetValueOrDefault(id)).OfType<JObject>())
            foreach (var config in new PrivateDnsZoneGroupView(group).ZoneConfigs)
                AddZone(writer, config.PrivateDnsZoneId);
    }

    private void AddSubnet(BundleWriter writer, string subnetId)
    {
        if (writer.Queried(subnetId, FleetQueries.SubnetsName, "subnet", "Microsoft.Network/virtualNetworks/subnets/read") is not { } doc) return;
        var subnet = new SubnetView(doc);
        writer.Queried(subnet.VirtualNetworkId, FleetQueries.SubnetsName, "virtualNetwork", "Microsoft.Network/virtualNetworks/read");
        if (subnet.NetworkSecurityGroupId is { } nsg)
            writer.Queried(nsg, FleetQueries.NetworkSecurityGroupsName, "networkSecurityGroup", "Microsoft.Network/networkSecurityGroups/read");
    }

    private void AddZone(BundleWriter writer, string zoneId)
    {
        if (writer.Queried(zoneId, FleetQueries.PrivateDnsZonesName, "privateDnsZone", "Microsoft.Network/privateDnsZones/read") is null) return;
        writer.QueriedList(ArmPaths.VirtualNetworkLinks(zoneId), FleetQueries.PrivateDnsZonesName, "virtualNetworkLinks", "Microsoft.Network/privateDnsZones/virtualNetworkLinks/read");
        writer.QueriedList(ArmPaths.ARecordSets(zoneId), FleetQueries.ARecordSetsName, "privateDnsRecordSets", "Microsoft.Network/privateDnsZones/A/read");
    }

    /// <summary>
    /// With the zone groups left out, every listed registry zone comes with its links and records (as <c>collect</c> reads them),
    /// so the DNS judge passes over the zones not linked where a name is resolved instead of stopping at links it was not given.
    /// </summary>
    private void AddListedZones(BundleWriter writer, RegistryView view)
    {
        var subscriptions = view.PrivateEndpointConnections.Select(c => c.PrivateEndpointId).OfType<string>()
            .Select(id => new ResourceId(id).SubscriptionId).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var zone in subscriptions.SelectMany(s => writer.Bundle.Arm!.Lists.GetValueOrDefault(ArmPaths.PrivateDnsZones(s)) ?? []).ToList())
            if (!writer.Bundle.Arm!.Lists.ContainsKey(ArmPaths.VirtualNetworkLinks(zone))) AddZone(writer, zone);
    }

    /// <summary>The registry zones of a private endpoint's subscription, as <c>collect</c> lists them for fixes that reuse a zone.</summary>
    private void AddSubscriptionZones(BundleWriter writer, string subscription)
    {
        var key = ArmPaths.PrivateDnsZones(subscription);
        if (writer.Bundle.Arm!.Lists.ContainsKey(key) || index.FailedQueries.ContainsKey(FleetQueries.PrivateDnsZonesName)
            || index.UnreadableSubscriptions.ContainsKey(subscription))
            return;
        var zones = index.ZonesBySubscription.TryGetValue(subscription, out var found) ? found.ToList() : [];
        writer.Bundle.Arm.Lists[key] = zones;
        foreach (var zone in zones) writer.Bundle.Arm.Resources[zone] = index.Resource(zone)!;
    }
}
