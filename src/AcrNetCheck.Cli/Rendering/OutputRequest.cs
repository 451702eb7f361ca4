using DevLab.JmesPath;

namespace AcrNetCheck.Cli.Rendering;

/// <summary>A validated -o / --query pair: the query is compiled at parse time, so a bad one is a usage error before any work.</summary>
public sealed record OutputRequest(string Format, string? Query)
{
    /// <param name="source">Where a configured format came from (core.output), named in the error; null for -o.</param>
    public static OutputRequest Parse(string format, string? query, string? source = null)
    {
        var name = format.ToLowerInvariant();
        if (!OutputRenderer.Formats.ContainsKey(name)) throw NotAFormat(format, source, OutputRenderer.Formats.Keys);
        if (query is not null)
        {
            try { new JmesPath().Parse(query); }
            catch (Exception ex) { throw new UsageException($"invalid --query \"{query}\": {ex.Message.ReplaceLineEndings(" ")}", ex); }
        }
        return new OutputRequest(name, query);
    }

    public static UsageException NotAFormat(string format, string? source, IEnumerable<string> formats) =>
        new($"output format '{format}'{(source is null ? "" : $" (from {source})")} is not valid; use one of: {string.Join(", ", formats)}.");
}
