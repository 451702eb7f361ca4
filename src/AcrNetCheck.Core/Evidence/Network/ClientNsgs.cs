using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Evidence.Network;

/// <summary>An NSG a client's outbound traffic passes and where it is attached ("NIC vm-nic", "subnet snet-build").</summary>
internal sealed record AttachedNsg(string Id, string Attachment);

/// <summary>The address a flow is weighed from, and how it was chosen.</summary>
internal sealed record FlowSource(string Address, string Label);

/// <summary>
/// The NSGs a client in one subnet sends through, in the order Azure applies them outbound (its NIC's, then the subnet's: both
/// must allow), and the source to weigh: the client's own address when the vantage NIC sits in this subnet, else the subnet's
/// first address. <see cref="MissingReason"/> says why the NIC could not be read, when it could not.
/// </summary>
internal sealed record ClientNsgs(SubnetView Subnet, IReadOnlyList<AttachedNsg> Attached, FlowSource? Source, SkipReason? MissingReason)
{
    public static ClientNsgs For(EvidenceView evidence, SubnetView subnet)
    {
        var attached = new List<AttachedNsg>();
        SkipReason? missing = null;
        NetworkInterfaceView? nic = null;
        if (evidence.Bundle.Vantage?.NetworkInterfaceId is { } nicId)
        {
            nic = evidence.Resource<NetworkInterfaceView>(nicId);
            // An unread NIC is the first subnet's (the client's own); a read one says which subnet it sits in.
            if (nic is null && ResourceId.AreEqual(evidence.VantageSubnet?.Id, subnet.Id)) missing = evidence.MissingReason(nicId, $"arm.resources[{nicId}]");
            if (nic is not null && !SitsIn(nic, subnet)) nic = null;
            if (nic?.NetworkSecurityGroupId is { } nicNsg) attached.Add(new(nicNsg, $"NIC {nic.Name}"));
        }
        if (subnet.NetworkSecurityGroupId is { } subnetNsg && !attached.Any(n => ResourceId.AreEqual(n.Id, subnetNsg)))
            attached.Add(new(subnetNsg, $"subnet {subnet.Name}"));
        return new(subnet, attached, SourceOf(subnet, nic), missing);
    }

    private static bool SitsIn(NetworkInterfaceView nic, SubnetView subnet) =>
        nic.IpConfigurations.All(c => c.SubnetId is null) || nic.IpConfigurations.Any(c => ResourceId.AreEqual(c.SubnetId, subnet.Id));

    private static FlowSource? SourceOf(SubnetView subnet, NetworkInterfaceView? nic)
    {
        if (nic?.IpConfigurations.FirstOrDefault(c => ResourceId.AreEqual(c.SubnetId, subnet.Id))?.PrivateIpAddress is { } own)
            return new(own, $"{own} ({nic.Name})");
        foreach (var text in subnet.AddressPrefixes)
            if (IpPrefix.TryParse(text, out var prefix)) return new(prefix.Network.ToString(), $"subnet {subnet.Name} ({text})");
        return null;
    }
}

/// <summary>
/// A public destination to weigh NSG rules against: the first IPv4 address of a service tag in a region
/// (<c>AzureContainerRegistry.&lt;region&gt;</c>), or, when the bundle lacks its prefixes, only the tag's name.
/// </summary>
internal sealed record PublicDestination(string? Address, string Tag)
{
    public static PublicDestination For(ServiceTagMatcher tags, string service, string? region)
    {
        var tag = region is not null ? tags.RegionalTag(service, region) : service;
        var first = (tags.Prefixes(tag) ?? []).Where(p => p.IsIPv4).Select(p => (IpPrefix?)p).FirstOrDefault();
        return new(first?.Network.ToString(), tag);
    }

    public NsgFlow Flow(string source) => new(source, Address, Tag);
}
