using System.Net;
using AcrNetCheck.Core.Evidence;
using AcrNetCheck.Core.Rules.Client;

namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>
/// The shell's proxy read the way .NET's HttpClient reads it (HttpEnvironmentProxy): for https the lower-case variable
/// first, then upper case, then ALL_PROXY; HTTP_PROXY is never used for https; NO_PROXY with .NET's matching. The probes
/// send through the <see cref="WebProxy"/> built here, so what is reported is what was done.
/// </summary>
internal sealed class EnvironmentProxy
{
    private EnvironmentProxy(string? httpsProxy, string? httpProxy, string? noProxy)
    {
        HttpsProxy = httpsProxy;
        HttpProxy = httpProxy;
        NoProxy = new NoProxyList(noProxy, NoProxyDialect.DotNet);
        RawNoProxy = noProxy;
    }

    /// <summary>As configured, credentials included: never to be recorded (see <see cref="Settings"/>).</summary>
    public string? HttpsProxy { get; }
    public string? HttpProxy { get; }
    public string? RawNoProxy { get; }
    public NoProxyList NoProxy { get; }

    public static EnvironmentProxy From(Func<string, string?> environment)
    {
        string? First(params string[] names) => names.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        return new EnvironmentProxy(
            First("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"),
            First("http_proxy", "HTTP_PROXY"),
            First("no_proxy", "NO_PROXY"));
    }

    /// <summary>The proxy an https request to <paramref name="host"/> goes through, or null when it goes direct.</summary>
    public ProxyAddress? For(string host) =>
        HttpsProxy is null || NoProxy.Bypasses(host) ? null : ProxyAddress.Parse(HttpsProxy);

    /// <summary>What the bundle records: credentials removed, and whether (and why not) the login server is bypassed.</summary>
    public ProxySettings? Settings(string loginServer)
    {
        if (HttpsProxy is null && HttpProxy is null && RawNoProxy is null) return null;
        var ignored = HttpsProxy is null ? null : NoProxy.EntryIgnoredByDotNet(loginServer);
        return new ProxySettings
        {
            Source = "environment",
            HttpsProxy = ProxyUrl.WithoutCredentials(HttpsProxy),
            HttpProxy = ProxyUrl.WithoutCredentials(HttpProxy),
            NoProxy = RawNoProxy,
            BypassesRegistry = HttpsProxy is null ? null : NoProxy.Bypasses(loginServer),
            BypassNote = ignored is null ? null
                : $"NO_PROXY entry '{ignored}' does not bypass {loginServer} in .NET clients (they need a leading dot: " +
                  $"'.{ignored.TrimStart('*', '.')}'); curl and Docker do bypass it.",
        };
    }
}

/// <summary>A proxy URL split into what is sent on the wire and the credentials .NET would answer a 407 with.</summary>
internal sealed record ProxyAddress(Uri Uri, NetworkCredential? Credential)
{
    /// <summary>Parses "http://user:pass@host:port", "host:port" (http assumed, as .NET and Docker do).</summary>
    public static ProxyAddress? Parse(string value)
    {
        var withScheme = value.Contains("://", StringComparison.Ordinal) ? value : "http://" + value;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri)) return null;
        NetworkCredential? credential = null;
        if (uri.UserInfo is { Length: > 0 } userInfo)
        {
            var colon = userInfo.IndexOf(':');
            credential = colon < 0
                ? new NetworkCredential(Uri.UnescapeDataString(userInfo), "")
                : new NetworkCredential(Uri.UnescapeDataString(userInfo[..colon]), Uri.UnescapeDataString(userInfo[(colon + 1)..]));
        }
        // The address the handler sees carries no userinfo, so no exception message or log can echo a password.
        var bare = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        return new ProxyAddress(bare, credential);
    }

    public IWebProxy ToWebProxy() => new WebProxy(Uri) { Credentials = Credential };

    public override string ToString() => Uri.GetLeftPart(UriPartial.Authority);
}
