using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AcrNetCheck.Core.Evidence;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Redaction;

/// <summary>
/// <c>collect --redact</c>: replaces subscription ids, resource group names and IP addresses everywhere in a bundle (values
/// and keys), each consistently: the same input gets the same placeholder throughout the bundle, so ids still join up.
/// Service tags are Microsoft's published ranges, not the user's, and stay as they are.
/// </summary>
public sealed partial class BundleRedactor
{
    private readonly Dictionary<string, string> _subscriptions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _addresses = new(StringComparer.OrdinalIgnoreCase);

    public static EvidenceBundle Redact(EvidenceBundle bundle)
    {
        var document = JObject.Parse(EvidenceLoader.Serialize(bundle));
        var redactor = new BundleRedactor();
        redactor.Learn(document);
        var redacted = (JObject)redactor.Rewrite(document);
        if (document["serviceTags"] is { } tags) redacted["serviceTags"] = tags.DeepClone();
        return EvidenceLoader.Parse(redacted.ToString(), "redacted bundle");
    }

    /// <summary>Subscriptions and groups are known from the resource ids they appear in, so a group named like a word elsewhere is spared.</summary>
    private void Learn(JObject token)
    {
        foreach (var text in token.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!)
                     .Concat(token.Descendants().OfType<JProperty>().Select(p => p.Name)))
            foreach (Match match in ScopePattern().Matches(text))
            {
                Placeholder(_subscriptions, match.Groups["subscription"].Value, n => $"00000000-0000-0000-0000-{n:D12}");
                if (match.Groups["group"].Success) Placeholder(_groups, match.Groups["group"].Value, n => $"rg-redacted-{n}");
            }
    }

    private JToken Rewrite(JToken token) => token switch
    {
        JObject o => new JObject(o.Properties().Select(p => new JProperty(RewriteText(p.Name), Rewrite(p.Value)))),
        JArray a => new JArray(a.Select(Rewrite)),
        JValue { Type: JTokenType.String } v => new JValue(RewriteText((string)v!)),
        _ => token.DeepClone(),
    };

    private string RewriteText(string text)
    {
        if (_groups.TryGetValue(text, out var wholeGroup)) return wholeGroup;
        var result = ScopePattern().Replace(text, m =>
            $"/subscriptions/{_subscriptions[m.Groups["subscription"].Value]}" +
            (m.Groups["group"].Success ? $"/resourceGroups/{_groups[m.Groups["group"].Value]}" : ""));
        foreach (var (subscription, placeholder) in _subscriptions)
            result = result.Replace(subscription, placeholder, StringComparison.OrdinalIgnoreCase);
        result = Ipv4Pattern().Replace(result, m => Address(m.Value));
        return Ipv6CandidatePattern().Replace(result, m =>
            IPAddress.TryParse(m.Value, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? Address(m.Value) : m.Value);
    }

    private string Address(string ip) => Placeholder(_addresses, ip, n => $"[ip-{n}]");

    private static string Placeholder(Dictionary<string, string> map, string value, Func<int, string> make)
    {
        if (!map.TryGetValue(value, out var placeholder)) map[value] = placeholder = make(map.Count + 1);
        return placeholder;
    }

    [GeneratedRegex(@"/subscriptions/(?<subscription>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/resourceGroups/(?<group>[^/?\s""]+))?", RegexOptions.IgnoreCase)]
    private static partial Regex ScopePattern();

    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.]*\d)")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Za-z:])")]
    private static partial Regex Ipv6CandidatePattern();
}
