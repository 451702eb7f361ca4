using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Evidence.Network;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.Redaction;

/// <summary>
/// <c>collect --redact</c>: replaces what identifies the user's tenant, people and network everywhere in a bundle (values
/// and keys) with pseudonyms, each consistently, so the redacted bundle gives the same verdict as the original:
/// <list type="bullet">
/// <item>every GUID (subscription, tenant, object, principal, workspace ids) → <c>00000000-0000-0000-0000-00000000000N</c>;</item>
/// <item>resource and resource-group names (learned from the resource ids in the bundle) → <c>registry1</c>, <c>vnet2</c>,
/// <c>rg1</c> …, as a whole word wherever they occur (<c>contoso.azurecr.io</c> → <c>registry1.azurecr.io</c>);</item>
/// <item>e-mail addresses and UPNs → <c>userN@example.invalid</c>; login-event identities → <c>identityN</c>; the vantage's
/// host name and host names in user agents → <c>hostN</c>; tag values → <c>tagN</c>;</item>
/// <item>IP addresses and CIDR prefixes → prefix-preserving pseudonyms under a key made for this bundle and then forgotten
/// (<see cref="PrefixPreservingAddressMap"/>), so every CIDR match and address class still holds.</item>
/// </list>
/// Service tags are Microsoft's published ranges, not the user's, and stay as they are (addresses inside them too).
/// Names with a dot (DNS zones such as privatelink.azurecr.io, record sets) are kept; their user-chosen labels are
/// replaced where they are learned names.
/// </summary>
public sealed partial class BundleRedactor
{
    private readonly Dictionary<string, string> _guids = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _emails = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Whole values replaced wherever they occur (identities, host names), longest first when applied.</summary>
    private readonly Dictionary<string, string> _phrases = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _counters = new();
    private readonly PrefixPreservingAddressMap _addresses;

    private BundleRedactor(PrefixPreservingAddressMap addresses) => _addresses = addresses;

    public static EvidenceBundle Redact(EvidenceBundle bundle) => Redact(bundle, RandomNumberGenerator.GetBytes(32));

    /// <param name="key">The address pseudonyms' key: random per bundle in use; fixed in a test.</param>
    public static EvidenceBundle Redact(EvidenceBundle bundle, byte[] key)
    {
        var document = JObject.Parse(EvidenceLoader.Serialize(bundle));
        var serviceTags = document["serviceTags"]?.DeepClone();
        var kept = (serviceTags?["tags"] as JObject)?.Properties().SelectMany(p => p.Value.Values<string>())
            .Select(text => IpPrefix.TryParse(text, out var prefix) ? prefix : (IpPrefix?)null).OfType<IpPrefix>() ?? [];
        var redactor = new BundleRedactor(new PrefixPreservingAddressMap(key, kept.Append(AzureDns)));
        document.Remove("serviceTags");
        redactor.Learn(document);
        var redacted = (JObject)redactor.Rewrite(document, parentName: null);
        if (serviceTags is not null) redacted["serviceTags"] = serviceTags;
        return EvidenceLoader.Parse(redacted.ToString(), "redacted bundle");
    }

    /// <summary>Azure's virtual DNS and metadata address: the platform's, in every VNet, and named in DNS settings.</summary>
    private static readonly IpPrefix AzureDns = IpPrefix.Parse("168.63.129.16/32");

    private void Learn(JObject document)
    {
        // ARM's own words (property names, resource types, providers, regions) are never names to replace, whatever a user
        // called a resource: a VNet named "network" must not rewrite "Microsoft.Network".
        foreach (var property in document.Descendants().OfType<JProperty>())
        {
            if (!property.Name.Contains('/')) AddVocabulary(property.Name);
            if (property.Name == "type" && property.Value.Type == JTokenType.String) AddVocabulary((string)property.Value!);
            // Azure regions (a replication is named after its region): public, and what regional service tags are matched on.
            if (property.Name.Contains("location", StringComparison.OrdinalIgnoreCase) || property.Name.Contains("region", StringComparison.OrdinalIgnoreCase))
                foreach (var value in (property.Value is JContainer values ? values.DescendantsAndSelf() : [property.Value]).OfType<JValue>().Where(v => v.Type == JTokenType.String)) AddVocabulary((string)value!);
        }
        var ids = new List<string>();
        foreach (var text in document.Descendants().OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => (string)v!)
                     .Concat(document.Descendants().OfType<JProperty>().Select(p => p.Name)))
            foreach (Match id in ResourceIdPattern().Matches(text))
                ids.Add(id.Value);
        foreach (var id in ids) LearnResourceId(id, learnNames: false);
        foreach (var id in ids) LearnResourceId(id, learnNames: true);

        foreach (var group in document.SelectTokens("loginEvents.groups[*]").OfType<JObject>())
            if (group.Value<string>("identity") is { Length: >= 3 } identity && !EmailPattern().IsMatch(identity))
                _phrases.TryAdd(identity, Next("identity"));
        if (document.SelectToken("vantage.hostname") is JValue { Type: JTokenType.String } host && ((string)host!).Length >= 3)
            _phrases.TryAdd((string)host!, Next("host"));
    }

    private readonly HashSet<string> _vocabulary = new(StringComparer.OrdinalIgnoreCase);

    private void AddVocabulary(string text)
    {
        foreach (Match word in WordPattern().Matches(text)) _vocabulary.Add(word.Value);
    }

    /// <summary>The names in <c>/subscriptions/{id}/resourceGroups/{group}/providers/{namespace}/{type}/{name}[/{type}/{name}]…</c>.</summary>
    /// <param name="learnNames">False: only ARM's words (types, providers), so that every one is known before any name is learned.</param>
    private void LearnResourceId(string id, bool learnNames)
    {
        var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < segments.Length; i++)
        {
            var (type, name) = (segments[i], segments[i + 1]);
            if (type.Equals("providers", StringComparison.OrdinalIgnoreCase)) { AddVocabulary(name); i++; continue; } // the namespace follows
            if (type.Equals("subscriptions", StringComparison.OrdinalIgnoreCase)) { i++; continue; } // a GUID: replaced as one
            AddVocabulary(type);
            if (learnNames && IsUserName(name) && !_vocabulary.Contains(name)) _names.TryAdd(name, Next(PrefixFor(type)));
            i++;
        }
    }

    private static bool IsUserName(string name) =>
        name.Length >= 3 && !name.Contains('.') && !GuidPattern().IsMatch(name) && !ReservedNames.Contains(name) && WordPattern().IsMatch(name);

    /// <summary>
    /// Names that are also words of ARM's vocabulary (a subnet called "default"): not identifying, and replacing them would
    /// rewrite enum values. The subnet names Azure reserves for its own services say what runs there (Bastion, a gateway).
    /// </summary>
    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "default", "Internet", "VirtualNetwork", "AzureLoadBalancer", "None", "Allow", "Deny", "Enabled", "Disabled", "current", "latest",
        "AzureBastionSubnet", "GatewaySubnet", "AzureFirewallSubnet", "AzureFirewallManagementSubnet", "RouteServerSubnet",
    };

    private static string PrefixFor(string type) => type.ToLowerInvariant() switch
    {
        "resourcegroups" => "rg",
        "registries" => "registry",
        "virtualnetworks" => "vnet",
        "subnets" => "subnet",
        "networksecuritygroups" => "nsg",
        "routetables" => "routes",
        "privateendpoints" => "pe",
        "networkinterfaces" => "nic",
        "managedclusters" => "aks",
        "workspaces" => "workspace",
        _ => "name",
    };

    private string Next(string prefix)
    {
        var n = _counters[prefix] = _counters.GetValueOrDefault(prefix) + 1;
        return $"{prefix}{n}";
    }

    private JToken Rewrite(JToken token, string? parentName) => token switch
    {
        // Tags are free text: the values go whole; the keys stay (they name a convention, not a person).
        JObject tags when parentName == "tags" => new JObject(tags.Properties().Select(p => new JProperty(p.Name,
            p.Value.Type == JTokenType.String ? Phrase((string)p.Value!, "tag") : Rewrite(p.Value, p.Name)))),
        JObject o => new JObject(o.Properties().Select(p => new JProperty(RewriteText(p.Name), Rewrite(p.Value, p.Name)))),
        JArray a => new JArray(a.Select(item => Rewrite(item, parentName))),
        JValue { Type: JTokenType.String } v when parentName == "hostname" => new JValue(Phrase((string)v!, "host")),
        JValue { Type: JTokenType.String } v when parentName == "userAgents" => new JValue(RedactHostNames(RewriteText((string)v!))),
        JValue { Type: JTokenType.String } v => new JValue(RewriteText((string)v!)),
        _ => token.DeepClone(),
    };

    private string Phrase(string value, string prefix)
    {
        if (value.Length == 0) return value;
        if (!_phrases.TryGetValue(value, out var pseudonym)) _phrases[value] = pseudonym = Next(prefix);
        return pseudonym;
    }

    private string RewriteText(string text)
    {
        if (text.Length == 0) return text;
        if (_phrases.TryGetValue(text, out var whole)) return whole;
        var result = EmailPattern().Replace(text, m => _emails.TryGetValue(m.Value, out var e) ? e : _emails[m.Value] = $"{Next("user")}@example.invalid");
        foreach (var (phrase, pseudonym) in _phrases.Where(p => p.Key.Length >= 3))
            if (result.Contains(phrase, StringComparison.OrdinalIgnoreCase)) result = Regex.Replace(result, $@"(?<![\w-]){Regex.Escape(phrase)}(?![\w-])", pseudonym, RegexOptions.IgnoreCase);
        result = GuidPattern().Replace(result, m => _guids.TryGetValue(m.Value, out var g) ? g : _guids[m.Value] = $"00000000-0000-0000-0000-{_guids.Count + 1:D12}");
        result = WordPattern().Replace(result, m => _names.TryGetValue(m.Value, out var name) ? name : m.Value);
        result = Ipv4Pattern().Replace(result, m => Address(m.Value));
        return Ipv6CandidatePattern().Replace(result, m => m.Value.Contains(':') ? Address(m.Value) : m.Value);
    }

    /// <summary>An address or CIDR prefix, pseudonymised; anything else that only looked like one is left.</summary>
    private string Address(string text)
    {
        if (!IpPrefix.TryParse(text, out var prefix)) return text;
        return text.Contains('/') ? _addresses.Map(prefix).ToString() : _addresses.Map(prefix.Network).ToString();
    }

    /// <summary>Host names a user agent carries ("… host/build-01.corp.contoso.com"): any dotted name ending in a letters-only label.</summary>
    private string RedactHostNames(string userAgent) =>
        HostNamePattern().Replace(userAgent, m => m.Value.EndsWith(".azurecr.io", StringComparison.OrdinalIgnoreCase) ? m.Value : Phrase(m.Value, "host"));

    [GeneratedRegex(@"/subscriptions/[^\s""'?#]+", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceIdPattern();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"[A-Za-z0-9_-]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"(?<![\w.-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}(?![\w.-])")]
    private static partial Regex HostNamePattern();

    // An address with an optional prefix length; the look-arounds keep version numbers such as 1.2.3.4.5 whole.
    [GeneratedRegex(@"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:/(?:3[0-2]|[12]?\d))?(?![\d.]*\d)")]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex(@"(?<![0-9A-Za-z:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:/(?:12[0-8]|1[01]\d|\d?\d))?(?![0-9A-Za-z:])")]
    private static partial Regex Ipv6CandidatePattern();
}
