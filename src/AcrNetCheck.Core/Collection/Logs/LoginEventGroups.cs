using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Collection.Logs;

/// <summary>Joins the summaries of several workspaces into one list of groups.</summary>
internal static class LoginEventGroups
{
    /// <summary>
    /// One group per (caller, identity, result, operation, login server). Every workspace a diagnostic setting names gets a
    /// copy of the same event stream, so a group seen in two workspaces is the same events twice: the larger count is kept,
    /// not the sum, with the earliest first and latest last sighting.
    /// </summary>
    public static List<LoginEventGroup> Merge(IEnumerable<IReadOnlyList<LoginEventGroup>> perWorkspace) =>
        perWorkspace.SelectMany(groups => groups)
            .GroupBy(g => (Key(g.CallerIpAddress), Key(g.Identity), Key(g.ResultType), Key(g.ResultDescription), Key(g.OperationName), Key(g.LoginServer)))
            .Select(same =>
            {
                var first = same.First();
                return new LoginEventGroup
                {
                    CallerIpAddress = first.CallerIpAddress, Identity = first.Identity, ResultType = first.ResultType,
                    ResultDescription = first.ResultDescription, OperationName = first.OperationName, LoginServer = first.LoginServer,
                    Count = same.Max(g => g.Count),
                    FirstSeen = same.Min(g => g.FirstSeen),
                    LastSeen = same.Max(g => g.LastSeen),
                    UserAgents = same.SelectMany(g => g.UserAgents).Distinct().Take(3).ToList(),
                };
            })
            .OrderByDescending(g => g.Count)
            .ToList();

    private static string Key(string? value) => value?.Trim().ToLowerInvariant() ?? "";
}
