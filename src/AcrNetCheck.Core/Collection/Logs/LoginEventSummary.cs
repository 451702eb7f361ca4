using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>Turns the summarized rows of <see cref="LoginEventsKql"/> into the bundle's login-event groups.</summary>
internal static class LoginEventSummary
{
    public static List<LoginEventGroup> Read(LogAnalyticsTable table) =>
        Enumerable.Range(0, table.RowCount).Select(row => new LoginEventGroup
        {
            CallerIpAddress = table.String(row, "CallerIpAddress"),
            Identity = table.String(row, "Identity"),
            ResultType = table.String(row, "ResultType"),
            ResultDescription = table.String(row, "ResultDescription"),
            OperationName = table.String(row, "OperationName"),
            LoginServer = table.String(row, "LoginServer"),
            Count = table.Long(row, "Count"),
            FirstSeen = table.Time(row, "FirstSeen"),
            LastSeen = table.Time(row, "LastSeen"),
            UserAgents = table.Strings(row, "UserAgents").ToList(),
        }).ToList();
}
