using DevLab.JmesPath;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>A validated -o / --query pair: the query is compiled at parse time, so a bad one is a usage error before any work.</summary>
public sealed record OutputRequest(string Format, string? Query)
{
    public static OutputRequest Parse(string format, string? query)
    {
        var name = format.ToLowerInvariant();
        if (!OutputRenderer.Formats.ContainsKey(name))
            throw new UsageException($"output format '{format}' is not valid; use one of: {string.Join(", ", OutputRenderer.Formats.Keys)}.");
        if (query is not null)
        {
            try { new JmesPath().Parse(query); }
            catch (Exception ex) { throw new UsageException($"invalid --query \"{query}\": {ex.Message.ReplaceLineEndings(" ")}", ex); }
        }
        return new OutputRequest(name, query);
    }
}
