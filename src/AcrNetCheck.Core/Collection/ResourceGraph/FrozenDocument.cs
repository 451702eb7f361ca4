using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Collection.ResourceGraph;

/// <summary>
/// A document held as compact UTF-8 until its registry's bundle is assembled. A parsed JObject costs several times its
/// JSON size; the fleet scan keeps tens of thousands of per-registry documents (registries, replications, endpoints,
/// NICs, zone groups, diagnostic settings) between the queries and the assembly, and each is thawed once.
/// </summary>
internal sealed class FrozenDocument(byte[] utf8)
{
    public static FrozenDocument Of(JObject document) => new(Encoding.UTF8.GetBytes(document.ToString(Formatting.None)));

    public JObject Thaw()
    {
        using var reader = new JsonTextReader(new StreamReader(new MemoryStream(utf8), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
        return JObject.Load(reader);
    }
}
