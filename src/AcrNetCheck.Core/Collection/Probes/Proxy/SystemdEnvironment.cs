namespace AcrNetCheck.Core.Collection.Probes.Proxy;

/// <summary>
/// The <c>Environment=</c> lines of a systemd unit or drop-in: each holds one or more space-separated assignments,
/// each optionally in double quotes (<c>Environment="HTTPS_PROXY=http://p:3128" "NO_PROXY=localhost"</c>).
/// Source: systemd.exec(5), "Environment=".
/// </summary>
internal static class SystemdEnvironment
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string unitText)
    {
        var assignments = new List<KeyValuePair<string, string>>();
        foreach (var rawLine in unitText.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (!line.StartsWith("Environment=", StringComparison.Ordinal)) continue;
            foreach (var word in Words(line["Environment=".Length..]))
            {
                var eq = word.IndexOf('=');
                if (eq > 0) assignments.Add(new(word[..eq], word[(eq + 1)..]));
            }
        }
        return assignments;
    }

    /// <summary>Splits on spaces outside double quotes and drops the quotes; a backslash escapes the next character.</summary>
    private static IEnumerable<string> Words(string value)
    {
        var word = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\' && i + 1 < value.Length) word.Append(value[++i]);
            else if (c == '"') quoted = !quoted;
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0) yield return word.ToString();
                word.Clear();
            }
            else word.Append(c);
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
