namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>
/// The one KQL query acr-netcheck sends (shown with --debug). It summarizes server-side, so the rows transferred are
/// bounded by the distinct (caller, identity, result) combinations — capped at <see cref="MaxGroups"/> — however many
/// login events exist. The timespan is passed beside the query (the API's <c>timespan</c>), not written into it.
/// </summary>
internal static class LoginEventsKql
{
    public const int MaxGroups = 500;

    /// <param name="loginServer">Scopes a shared workspace to this registry; null for the resource-centric form, already scoped.</param>
    public static string For(string? loginServer)
    {
        var scope = loginServer is null ? "" : $"| where LoginServer =~ '{Escape(loginServer)}'\n";
        return
            "ContainerRegistryLoginEvents\n" +
            scope +
            // A few distinct user agents per group tell docker from helm, kubelet or a CI runner without pulling raw rows.
            "| summarize Count = count(), FirstSeen = min(TimeGenerated), LastSeen = max(TimeGenerated), UserAgents = make_set(UserAgent, 3)\n" +
            "    by CallerIpAddress, Identity, ResultType, ResultDescription, OperationName, LoginServer\n" +
            "| order by Count desc\n" +
            $"| take {MaxGroups}";
    }

    // KQL string literals in single quotes escape a quote and a backslash with a backslash.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("'", "\\'");
}
