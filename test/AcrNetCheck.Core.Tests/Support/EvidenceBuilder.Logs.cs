using AcrNetCheck.Core.Evidence;

namespace AcrNetCheck.Core.Tests.Support;

/// <summary>ContainerRegistryLoginEvents rows as the registry writes them for each outcome.</summary>
public sealed partial class EvidenceBuilder
{
    public static LoginEventGroup NetworkDeniedLogin(string ip, long count = 3, string identity = "ci-pipeline") =>
        LoginEvent(ip, "403", $"403 Forbidden: client with IP '{ip}' is not allowed access", count, identity);

    public static LoginEventGroup UnauthorizedLogin(string ip, long count = 3, string identity = "ci-pipeline") =>
        LoginEvent(ip, "401", "401 Unauthorized", count, identity);

    public static LoginEventGroup SuccessfulLogin(string ip, long count = 3, string identity = "ci-pipeline") =>
        LoginEvent(ip, "200", "200 OK", count, identity);
}
