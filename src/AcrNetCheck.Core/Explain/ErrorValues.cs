using System.Text.RegularExpressions;
using AcrNetCheck.Core.Evidence.Network;

namespace AcrNetCheck.Core.Explain;

/// <summary>
/// The values an error message names, pulled out once for every symptom: the registry host and name, the client IP the
/// firewall refused, the address and port dialled, the DNS server asked, the proxy, the certificate's issuer and names,
/// the image, the az check-health error code.
/// </summary>
internal sealed partial class ErrorValues
{
    private readonly List<ExtractedValue> _values = [];

    private ErrorValues() { }

    public string? Host => Get(Names.Host);
    public string? Registry => Get(Names.Registry);
    public string? LoginServer => Get(Names.LoginServer);
    public string? DataEndpoint => Get(Names.DataEndpoint);
    public string? DnsServer => Get(Names.DnsServer);
    public IReadOnlyList<ExtractedValue> All => _values;

    public static class Names
    {
        public const string Host = "host";
        public const string Registry = "registry";
        public const string LoginServer = "loginServer";
        public const string DataEndpoint = "dataEndpoint";
        public const string ClientIp = "clientIp";
        public const string Address = "address";
        public const string AddressKind = "addressKind";
        public const string DnsServer = "dnsServer";
        public const string Proxy = "proxy";
        public const string Issuer = "issuer";
        public const string CertificateNames = "certificateNames";
        public const string Image = "image";
        public const string ErrorCode = "errorCode";
        public const string StatusCode = "statusCode";
    }

    public string? Get(string name) => _values.FirstOrDefault(v => v.Name == name)?.Value;

    public static ErrorValues From(string text)
    {
        var values = new ErrorValues();
        var image = ImagePattern().Match(text);
        var host = FirstAcrHost(text) ?? (image.Success ? image.Groups["host"].Value : null)
                   ?? FirstGroup(text, LookupPattern(), "host") ?? FirstServiceHost(text);
        values.Add(Names.Host, host?.ToLowerInvariant());
        if (host is not null && AcrHostPattern().Match(host.ToLowerInvariant()) is { Success: true } acr && acr.Value.Length == host.Length)
        {
            var registry = acr.Groups["registry"].Value;
            var suffix = acr.Groups["suffix"].Value;
            values.Add(Names.Registry, registry);
            values.Add(Names.LoginServer, $"{registry}{acr.Groups["label"].Value}.{suffix}");
            if (acr.Groups["region"].Success) values.Add(Names.DataEndpoint, host.ToLowerInvariant());
        }
        else if (FirstGroup(text, CheckHealthRegistryPattern(), "registry") is { } named)
        {
            // az acr check-health names the registry as the user typed it: a name or a login server.
            var registry = named.Split('.')[0].ToLowerInvariant();
            values.Add(Names.Registry, registry);
            values.Add(Names.LoginServer, named.Contains('.') ? named.ToLowerInvariant() : $"{registry}.azurecr.io");
        }
        values.Add(Names.ClientIp, FirstGroup(text, ClientIpPattern(), "ip"));
        if (DialPattern().Match(text) is { Success: true } dial)
        {
            var address = dial.Groups["address"].Value.Trim('[', ']');
            values.Add(Names.Address, $"{dial.Groups["address"].Value}:{dial.Groups["port"].Value}");
            values.Add(Names.AddressKind, AddressClassifier.Describe(address));
        }
        values.Add(Names.DnsServer, FirstGroup(text, LookupPattern(), "server"));
        values.Add(Names.Proxy, FirstGroup(text, ProxyPattern(), "proxy"));
        values.Add(Names.Issuer, FirstGroup(text, IssuerPattern(), "issuer"));
        values.Add(Names.CertificateNames, FirstGroup(text, ValidForPattern(), "names"));
        values.Add(Names.Image, image.Success ? image.Groups["image"].Value : null);
        values.Add(Names.ErrorCode, FirstGroup(text, CheckHealthCodePattern(), "code"));
        values.Add(Names.StatusCode, FirstGroup(text, StatusPattern(), "status"));
        return values;
    }

    private void Add(string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && Get(name) is null) _values.Add(new ExtractedValue(name, value));
    }

    private static string? FirstAcrHost(string text) =>
        AcrHostPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value).FirstOrDefault();

    /// <summary>The first URL host that is not a documentation link the message points to (aka.ms/acr/firewall…).</summary>
    private static string? FirstServiceHost(string text) =>
        UrlHostPattern().Matches(text).Select(m => m.Groups["host"].Value)
            .FirstOrDefault(h => !DocumentationHosts.Any(d => h.Equals(d, StringComparison.OrdinalIgnoreCase) || h.EndsWith("." + d, StringComparison.OrdinalIgnoreCase)));

    private static readonly string[] DocumentationHosts = ["aka.ms", "microsoft.com", "docker.com", "kubernetes.io"];

    private static string? FirstGroup(string text, Regex pattern, string group) =>
        pattern.Match(text) is { Success: true } m && m.Groups[group].Success ? m.Groups[group].Value : null;

    // ACR host names (learn.microsoft.com/azure/container-registry/container-registry-dedicated-data-endpoints): the login
    // server <registry>[-<hash>].azurecr.io (the hash with a domain name label scope) and data endpoints
    // <registry>.<region>.data.azurecr.io, in the public and sovereign clouds. Registry names are 5-50 alphanumerics.
    [GeneratedRegex(@"(?<![\w.-])(?<registry>[a-z0-9]{5,50})(?<label>-[a-z0-9]+)?(?:\.(?<region>[a-z0-9]+)\.data)?\.(?<suffix>azurecr\.(?:io|cn|us))\b")]
    private static partial Regex AcrHostPattern();

    [GeneratedRegex(@"lookup (?<host>[\w.-]+)(?: on (?<server>[0-9a-fA-F.:\[\]]+?))?: ")]
    private static partial Regex LookupPattern();

    [GeneratedRegex(@"https?://(?<host>[\w.-]+)")]
    private static partial Regex UrlHostPattern();

    [GeneratedRegex(@"client with IP '(?<ip>[^']+)' is not allowed")]
    private static partial Regex ClientIpPattern();

    [GeneratedRegex(@"dial tcp (?<address>\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):(?<port>\d+)")]
    private static partial Regex DialPattern();

    [GeneratedRegex(@"proxyconnect tcp: dial tcp (?<proxy>[^:\s]+:\d+)|proxy(?:\s+server)?\s+'?(?<proxy>(?:https?://)?[\w.-]+:\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex ProxyPattern();

    [GeneratedRegex(@"candidate authority certificate ""(?<issuer>[^""]+)""|issuer(?:=|:\s*)""?(?<issuer>[^""\n]+?)""?(?:\)|\n|$)", RegexOptions.IgnoreCase)]
    private static partial Regex IssuerPattern();

    [GeneratedRegex(@"certificate is valid for (?<names>[^,\n]+(?:, [^,\n]+)*?), not ")]
    private static partial Regex ValidForPattern();

    // kubelet: Failed to pull image "contoso.azurecr.io/app:1.0" / Back-off pulling image "…"; docker: pull access denied for …
    [GeneratedRegex(@"(?:pull(?:ing)? image|image) ""?(?<image>(?<host>[\w.-]+\.[\w-]+)(?::\d+)?/[^""\s]+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex ImagePattern();

    [GeneratedRegex(@"registry '(?<registry>[\w.-]+)'", RegexOptions.IgnoreCase)]
    private static partial Regex CheckHealthRegistryPattern();

    [GeneratedRegex(@"\b(?<code>CONNECTIVITY_[A-Z_]+_ERROR|LOGIN_SERVER_ERROR|DOCKER_[A-Z_]+_ERROR)\b")]
    private static partial Regex CheckHealthCodePattern();

    [GeneratedRegex(@"\b(?<status>401|403|407|404|502|503)\b")]
    private static partial Regex StatusPattern();
}
