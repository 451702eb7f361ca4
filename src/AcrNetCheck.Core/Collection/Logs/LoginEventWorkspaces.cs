using AcrNetCheck.Core.Collection.Arm;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Arm;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// Where the registry's login events land: the Log Analytics workspaces of the diagnostic settings that send the
/// ContainerRegistryLoginEvents category (or the allLogs / audit group). Taken from the bundle when the ARM collector
/// listed the settings; read here otherwise (the <c>logs</c> command runs without the ARM graph walk) and recorded in the
/// bundle as the ARM collector would.
/// </summary>
internal static class LoginEventWorkspaces
{
    /// <summary>The workspace resource ids, distinct; null when the settings could not be read (the error is in the bundle).</summary>
    public static async Task<IReadOnlyList<string>?> FindAsync(IArmReader reader, EvidenceBundle bundle, string registryId, CancellationToken cancellationToken)
    {
        var key = ArmPaths.DiagnosticSettings(registryId);
        if (bundle.CollectionErrors.Any(e => ResourceId.AreEqual(e.ResourceId, key))) return null;
        if (bundle.Arm?.Lists.ContainsKey(key) != true && !await ReadAsync(reader, bundle, key, cancellationToken).ConfigureAwait(false)) return null;

        return (new EvidenceView(bundle).ListOf<DiagnosticSettingView>(key) ?? [])
            .Where(s => s.SendsLoginEventsToWorkspace)
            .Select(s => s.WorkspaceId!)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static async Task<bool> ReadAsync(IArmReader reader, EvidenceBundle bundle, string key, CancellationToken cancellationToken)
    {
        try
        {
            var settings = await reader.ListAsync(key, cancellationToken).ConfigureAwait(false);
            var arm = bundle.Arm ??= new ArmEvidence();
            arm.Lists[key] = settings.Select(s => s.Value<string>("id")).OfType<string>().ToList();
            foreach (var setting in settings)
                if (setting.Value<string>("id") is { Length: > 0 } id) arm.Resources[id] = setting;
            return true;
        }
        catch (ArmReadException ex)
        {
            bundle.CollectionErrors.Add(new CollectionError
            {
                Read = "diagnosticSettings", ResourceId = key, Status = ex.Status, ErrorCode = ex.ErrorCode, Message = ex.Message,
                RequiredPermission = ArmResourceType.ReadPermission(key),
            });
            return false;
        }
    }
}
