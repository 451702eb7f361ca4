using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Rules;

/// <summary>Small phrasing helpers shared by rule messages, so every rule names addresses the same way.</summary>
internal static class FindingText
{
    /// <summary>"20.1.2.3 (public)".</summary>
    public static string Address(string ip) => $"{ip} ({AddressClassifier.Describe(ip)})";

    public static string Addresses(IEnumerable<string> ips) => string.Join(", ", ips.Select(Address));

    public static string List(IEnumerable<string> items) => string.Join(", ", items);
}
