namespace AcrNetCheck.Core.Collection.Cloud;

/// <summary>
/// The INI dialect of the Azure CLI's <c>config</c> and <c>clouds.config</c> (Python configparser): <c>[section]</c>,
/// <c>key = value</c> or <c>key: value</c>, comments with # or ;. Section and key names compare case-insensitively.
/// </summary>
internal sealed class IniFile
{
    private readonly Dictionary<string, Dictionary<string, string>> _sections = new(StringComparer.OrdinalIgnoreCase);

    public static IniFile Parse(string text)
    {
        var ini = new IniFile();
        Dictionary<string, string>? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimStart('\uFEFF');
            if (line.Length == 0 || line[0] is '#' or ';') continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1].Trim();
                if (!ini._sections.TryGetValue(name, out section)) ini._sections[name] = section = new(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            var split = line.IndexOfAny(['=', ':']);
            if (section is null || split <= 0) continue;
            section[line[..split].Trim()] = line[(split + 1)..].Trim();
        }
        return ini;
    }

    public static IniFile Load(string path) => File.Exists(path) ? Parse(File.ReadAllText(path)) : new IniFile();

    public IReadOnlyCollection<string> Sections => _sections.Keys;

    public string? Get(string section, string key) =>
        _sections.TryGetValue(section, out var values) && values.TryGetValue(key, out var value) && value.Length > 0 ? value : null;
}
