namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// <c>--query-filter</c>: a KQL where-clause over the registry rows (<c>name</c>, <c>resourceGroup</c>,
/// <c>subscriptionId</c>, <c>location</c>, <c>tags</c>, <c>sku</c>, <c>properties</c>). It is appended as
/// <c>| where (…)</c>, so it must stay one expression: outside string literals it may not hold a pipe or a semicolon
/// (which would start another operator or statement), and its quotes and parentheses must balance.
/// </summary>
public static class QueryFilter
{
    /// <summary>The clause, trimmed, or a <see cref="FormatException"/> whose one-line message says what is wrong.</summary>
    public static string Validate(string clause)
    {
        var text = clause.Trim();
        if (text.Length == 0) throw new FormatException("--query-filter is empty; give a KQL condition such as \"tags.env == 'prod'\"");
        if (text.StartsWith("where ", StringComparison.OrdinalIgnoreCase) || text.StartsWith('|'))
            throw new FormatException("--query-filter takes the condition only, without '| where'");

        char? quote = null;
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } open)
            {
                if (c == '\\') i++;
                else if (c == open) quote = null;
                continue;
            }
            switch (c)
            {
                case '\'' or '"': quote = c; break;
                case '(': depth++; break;
                case ')' when --depth < 0: throw new FormatException($"--query-filter has an unmatched ')' at position {i + 1}");
                case '|' or ';': throw new FormatException($"--query-filter may not contain '{c}' outside a string (position {i + 1}): it must be one where-condition");
                case '\n' or '\r': throw new FormatException("--query-filter must be on one line");
            }
        }
        if (quote is not null) throw new FormatException("--query-filter has an unterminated string literal");
        if (depth != 0) throw new FormatException("--query-filter has an unmatched '('");
        return text;
    }
}
