using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Probes.Remote;

/// <summary>
/// <c>--remote-probe</c>: the client-side probes run where the failure is, not here. Once the registry's endpoints are known
/// from ARM, <see cref="RemoteProbeScript"/> runs on the <c>--from</c> VM through Run Command (<c>RunShellScript</c>) or in the
/// <c>--aks</c> cluster through its runCommand (what <c>az aks command invoke</c> uses), a long-running POST within the run's
/// timeout; its output becomes the probe evidence, with the vantage set to that machine. The script is shown with --debug.
/// </summary>
internal sealed class RemoteProbeCollector(IArmReader reader) : IArmDependentCollector
{
    public string Name => "remote-probe";

    public ArmMilestone Needs => ArmMilestone.RegistryRead;

    public async Task CollectAsync(CollectionContext context, EvidenceBundle bundle, CancellationToken cancellationToken)
    {
        if (bundle.Vantage?.Source is not { Kind: VantageSourceKind.Vm or VantageSourceKind.Aks, Id: { } target } source) return;
        var endpoints = new EvidenceView(bundle).Endpoints.Where(e => e.Purpose != EndpointPurpose.Storage).ToList();
        if (endpoints.Count == 0) return;
        var script = RemoteProbeScript.For(endpoints.Select(e => e.Host).ToList());
        var onVm = source.Kind == VantageSourceKind.Vm;
        context.Log.Debug($"remote-probe: running on {new ResourceId(target).Name} through {(onVm ? "Run Command (RunShellScript)" : "the AKS runCommand")}:\n{script}");

        var reads = new ArmReads(reader, cancellationToken, context.Timeout);
        var action = $"{target}/runCommand";
        var answer = await reads.Post("runCommand", action, 1, onVm
            ? new JObject { ["commandId"] = "RunShellScript", ["script"] = new JArray(script.Split('\n').Where(l => l.Length > 0)) }
            : new JObject { ["command"] = script, ["context"] = "" }).ConfigureAwait(false);
        var scratch = new EvidenceBundle();
        reads.WriteTo(scratch, registryId: "", apiVersion: ApiVersions.Registry);
        bundle.CollectionErrors.AddRange(scratch.CollectionErrors);
        if (answer is null) return;

        var output = onVm ? string.Join('\n', (answer["value"] as JArray ?? []).Select(v => ArmView.Str(v, "message")).OfType<string>()) : ArmView.Str(answer, "properties.logs") ?? "";
        var probes = RemoteProbeScript.Parse(output, endpoints);
        bundle.Probes = new ProbeEvidence { Endpoints = probes };
        var given = bundle.Vantage;
        bundle.Vantage = new VantageEvidence
        {
            Kind = onVm ? VantageKind.AzureVm : VantageKind.AksNode, Hostname = new ResourceId(target).Name,
            SubnetId = given.SubnetId, SourceSubnetIds = given.SourceSubnetIds, Source = given.Source, NetworkInterfaceId = given.NetworkInterfaceId,
            ScaleSetNetworkInterfaceIds = given.ScaleSetNetworkInterfaceIds,
            Notes =
            [
                .. given.Notes.Where(note => note != ArmCollector.ConfigurationOnlyNote),
                onVm
                    ? $"probed on VM {new ResourceId(target).Name} through Run Command (--remote-probe; the script is shown with --debug): {probes.Count} of {endpoints.Count} endpoint(s) answered"
                    : $"probed in AKS cluster {new ResourceId(target).Name} through its runCommand, from a pod on one of its nodes (--remote-probe; the script is shown with --debug): {probes.Count} of {endpoints.Count} endpoint(s) answered",
            ],
        };
    }
}
