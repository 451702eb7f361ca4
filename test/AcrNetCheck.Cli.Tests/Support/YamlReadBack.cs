using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.RepresentationModel;

namespace AcrNetCheck.Cli.Tests.Support;

/// <summary>
/// Reads YAML back as a YAML 1.2 reader with the core schema does (PyYAML, yq, Go's yaml): a plain scalar that looks like
/// null, a boolean or a number is one; anything quoted is a string. So a test sees the values a user's tool would get.
/// </summary>
public static partial class YamlReadBack
{
    public static JToken Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? JValue.CreateNull() : ToJson(stream.Documents[0].RootNode);
    }

    private static JToken ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JObject(map.Children.Select(kv => new JProperty(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JArray(seq.Children.Select(ToJson)),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s => Resolve(s.Value ?? ""),
        YamlScalarNode s => new JValue(s.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    private static JToken Resolve(string plain)
    {
        if (plain is "" or "~" or "null" or "Null" or "NULL") return JValue.CreateNull();
        if (plain is "true" or "True" or "TRUE") return new JValue(true);
        if (plain is "false" or "False" or "FALSE") return new JValue(false);
        if (IntPattern().IsMatch(plain)) return new JValue(long.Parse(plain, CultureInfo.InvariantCulture));
        if (FloatPattern().IsMatch(plain)) return new JValue(double.Parse(plain, CultureInfo.InvariantCulture));
        return new JValue(plain);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
