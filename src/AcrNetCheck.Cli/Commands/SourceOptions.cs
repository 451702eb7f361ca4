using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Cli.Commands;

/// <summary>
/// <c>--from &lt;subnet | vnet | vm | vmss instance | nic id&gt;</c> and <c>--aks &lt;cluster name | id&gt;</c>: where the client is. Checked before any
/// network call; a cluster given by name is found in the registry's subscription once signed in (by Core's diagnosis).
/// </summary>
public static class SourceOptions
{
    public static VantageSource? Parse(string? from, string? aks)
    {
        if (from is not null && aks is not null) throw new UsageException("give --from or --aks, not both.");
        if (aks is not null)
            return aks.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) && !IsOfType(aks, ArmResourceType.ManagedClusters)
                ? throw new UsageException($"--aks '{aks}' is not a managed cluster resource id (…/providers/Microsoft.ContainerService/managedClusters/<name>); a cluster name works too.")
                : new VantageSource { Kind = VantageSourceKind.Aks, Id = aks };
        if (from is null) return null;
        if (IsOfType(from, "Microsoft.Network/virtualNetworks/subnets")) return new VantageSource { Kind = VantageSourceKind.Subnet, Id = from };
        if (IsOfType(from, "Microsoft.Network/virtualNetworks")) return new VantageSource { Kind = VantageSourceKind.Vnet, Id = from };
        if (IsOfType(from, "Microsoft.Compute/virtualMachines")) return new VantageSource { Kind = VantageSourceKind.Vm, Id = from };
        if (IsOfType(from, "Microsoft.Network/networkInterfaces")) return new VantageSource { Kind = VantageSourceKind.Nic, Id = from };
        if (IsOfType(from, "Microsoft.Compute/virtualMachineScaleSets/virtualMachines")) return new VantageSource { Kind = VantageSourceKind.VmssInstance, Id = from };
        throw new UsageException($"--from '{from}' is not a subnet, VNet, VM, scale set instance or NIC resource id (…/virtualNetworks/<vnet>[/subnets/<subnet>], …/virtualMachines/<vm>, " +
                                 "…/virtualMachineScaleSets/<vmss>/virtualMachines/<instance>, …/networkInterfaces/<nic>).");
    }

    /// <summary>
    /// --remote-probe runs on a VM (--from &lt;vm id&gt;) or an AKS cluster (--aks); anything else is a usage error. It never runs
    /// the probes on this machine, so --no-probes beside it changes nothing.
    /// </summary>
    public static bool AllowsRemoteProbe(string? from, string? aks)
    {
        if (aks is not null || (from is not null && IsOfType(from, "Microsoft.Compute/virtualMachines"))) return true;
        throw new UsageException("--remote-probe runs on a VM or an AKS cluster: give it with --from <vm id> or --aks <cluster>.");
    }

    private static bool IsOfType(string id, string type) =>
        id.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) && !ArmResourceType.IsCollection(id)
        && ArmResourceType.Of(id).Equals(type, StringComparison.OrdinalIgnoreCase);
}
