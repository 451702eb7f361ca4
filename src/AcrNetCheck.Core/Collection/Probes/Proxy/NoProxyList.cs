namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>How a client reads NO_PROXY: the same list bypasses different hosts in .NET and in Docker (Go).</summary>
internal enum NoProxyDialect
{
    /// <summary>
    /// .NET's HttpEnvironmentProxy: an entry with a leading dot (".azurecr.io") matches that domain and its subdomains;
    /// any other entry ("azurecr.io", "*.azurecr.io", "*") matches only a host spelled exactly like it.
    /// </summary>
    DotNet,
    /// <summary>
    /// Go's golang.org/x/net/http/httpproxy, which Docker uses: "azurecr.io" matches itself and its subdomains,
    /// ".azurecr.io" and "*.azurecr.io" its subdomains, and "*" everything.
    /// </summary>
    Go,
}

/// <summary>A parsed NO_PROXY value: which hosts skip the proxy, and why an entry that looks right does not match.</summary>
internal sealed class NoProxyList
{
    private readonly IReadOnlyList<string> _entries;
    private readonly NoProxyDialect _dialect;

    public NoProxyList(string? value, NoProxyDialect dialect)
    {
        _dialect = dialect;
        _entries = (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }

    public IReadOnlyList<string> Entries => _entries;

    public bool Bypasses(string host) => _entries.Any(e => Matches(e, host));

    /// <summary>
    /// For .NET: the entry a user meant to cover <paramref name="host"/> with ("azurecr.io", "*.azurecr.io", "*") but which
    /// .NET does not apply to it; null when there is none or the host is bypassed anyway.
    /// </summary>
    public string? EntryIgnoredByDotNet(string host) =>
        _dialect != NoProxyDialect.DotNet || Bypasses(host) ? null
        : _entries.FirstOrDefault(e => new NoProxyList(e, NoProxyDialect.Go).Bypasses(host));

    private bool Matches(string entry, string host)
    {
        host = host.TrimEnd('.');
        if (_dialect == NoProxyDialect.DotNet)
            return entry.StartsWith('.')
                ? host.Equals(entry[1..], StringComparison.OrdinalIgnoreCase) || host.EndsWith(entry, StringComparison.OrdinalIgnoreCase)
                : host.Equals(entry, StringComparison.OrdinalIgnoreCase);

        if (entry == "*") return true;
        // Go drops a port from the entry ("registry:443"); a registry is always asked for on 443.
        if (entry.LastIndexOf(':') is var colon and > 0 && !entry.Contains(']')) entry = entry[..colon];
        if (entry.StartsWith("*.", StringComparison.Ordinal)) entry = entry[1..];
        // ".azurecr.io" matches subdomains only; "azurecr.io" matches itself and its subdomains.
        var subdomainsOnly = entry.StartsWith('.');
        var domain = entry.TrimStart('.');
        return host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase) ||
               (!subdomainsOnly && host.Equals(domain, StringComparison.OrdinalIgnoreCase));
    }
}
