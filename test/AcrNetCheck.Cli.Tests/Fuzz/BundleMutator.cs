using System.Text;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Cli.Tests.Fuzz;

/// <summary>
/// Hostile variants of real bundles, reproducible from a seed: values replaced by other types, odd strings and extreme
/// numbers, properties dropped or added, containers swapped, deep nesting, truncated or byte-flipped text, or random JSON.
/// </summary>
public static class BundleMutator
{
    public static string Mutate(string bundleJson, int seed)
    {
        var random = new Random(seed);
        var root = JObject.Parse(bundleJson);
        var mutations = 1 + random.Next(6);
        for (var i = 0; i < mutations; i++) MutateOnce(root, random);
        var text = root.ToString(random.Next(2) == 0 ? Newtonsoft.Json.Formatting.None : Newtonsoft.Json.Formatting.Indented);
        return random.Next(10) switch
        {
            0 => text[..random.Next(text.Length)],                  // truncated
            1 => FlipBytes(text, random),                           // corrupted
            2 => RandomJson(random, depth: 0).ToString(),           // not a bundle at all
            _ => text,
        };
    }

    private static void MutateOnce(JObject root, Random random)
    {
        var tokens = root.DescendantsAndSelf().ToList();
        var target = tokens[random.Next(tokens.Count)];
        switch (random.Next(6))
        {
            case 0 when target.Parent is JProperty property:
                property.Value = RandomValue(random);
                break;
            case 1 when target.Parent is JProperty { Parent: JObject owner } property:
                owner.Remove(property.Name);
                break;
            case 2 when target is JObject o:
                o[RandomString(random)] = RandomValue(random);
                break;
            case 3 when target is JArray a:
                a.Add(RandomValue(random));
                if (a.Count > 0 && random.Next(2) == 0) a[random.Next(a.Count)] = RandomValue(random);
                break;
            case 4 when target.Parent is JProperty property:
                property.Value = target switch { JObject o => new JArray(o.Properties().Select(p => p.Value)), JArray a => new JObject(a.Select((v, i) => new JProperty($"k{i}", v))), _ => new JArray(target) };
                break;
            case 5 when target.Parent is JArray array && array.Count > 0:
                // Many copies of one element: duplicate keys, repeated ids, big lists.
                for (var i = 0; i < 1 + random.Next(200); i++) array.Add(target.DeepClone());
                break;
            default:
                if (target.Parent is JProperty p) p.Value = RandomValue(random);
                break;
        }
    }

    private static JToken RandomValue(Random random) => random.Next(12) switch
    {
        0 => JValue.CreateNull(),
        1 => new JValue(random.Next(2) == 0),
        2 => new JValue(random.Next(5) switch { 0 => long.MaxValue, 1 => long.MinValue, 2 => -1, 3 => 0, _ => random.NextInt64() }),
        3 => new JValue(random.Next(3) switch { 0 => double.MaxValue, 1 => 1e-300, _ => random.NextDouble() * 1e6 }),
        4 => new JValue(RandomString(random)),
        5 => new JValue(new[] { "1.0", "403", "true", "", " ", "0.0.0.0/0", "::/0", "10.0.0.0/8", "255.255.255.255/33", "not-an-ip", "/subscriptions//", "/", "*" }[random.Next(13)]),
        6 => new JValue(new string('x', random.Next(1, 100_000))),
        7 => Deep(random.Next(1, 200)),
        _ => RandomJson(random, depth: 1),
    };

    private static JToken Deep(int depth)
    {
        JToken token = new JValue("deep");
        for (var i = 0; i < depth; i++) token = i % 2 == 0 ? new JArray(token) : new JObject { ["d"] = token };
        return token;
    }

    private static JToken RandomJson(Random random, int depth)
    {
        if (depth > 3) return new JValue(RandomString(random));
        return random.Next(3) switch
        {
            0 => new JObject(Enumerable.Range(0, random.Next(5)).Select(i => new JProperty(RandomString(random) + i, RandomJson(random, depth + 1)))),
            1 => new JArray(Enumerable.Range(0, random.Next(5)).Select(_ => RandomJson(random, depth + 1))),
            _ => new JValue(RandomString(random)),
        };
    }

    private static string RandomString(Random random)
    {
        const string Alphabet = "abcXYZ09./:-_ @|`'\"\\\u001b\u0007\r\n\t\u009b\u202e\u0000é漢😀";
        var sb = new StringBuilder();
        for (var i = random.Next(0, 24); i > 0; i--) sb.Append(Alphabet[random.Next(Alphabet.Length)]);
        return sb.ToString();
    }

    private static string FlipBytes(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (var i = random.Next(1, 10); i > 0 && chars.Length > 0; i--) chars[random.Next(chars.Length)] = (char)random.Next(0, 0x80);
        return new string(chars);
    }
}
