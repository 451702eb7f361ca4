using Newtonsoft.Json.Linq;

namespace AcrNetCheck.Core.Evidence.Arm;

/// <summary>
/// Base of the typed views: a thin, read-only window over an ARM document as returned, with property names as in the
/// ARM REST API. Views never copy; unknown keys are ignored and missing ones read as null.
/// </summary>
public abstract class ArmView(JObject document)
{
    public JObject Document { get; } = document;

    // Read with Str, never Value<string>: a bundle is untrusted, and a value of the wrong shape reads as absent, not as a crash.
    public string Id => Str(Document, "id") ?? "";
    public string Name => Str(Document, "name") ?? new ResourceId(Id).Name;
    public string? Type => Str(Document, "type");
    public string? Location => Str(Document, "location");

    protected JObject? Properties => Document["properties"] as JObject;

    protected string? Prop(string path) => Properties?.SelectToken(path) is JValue { Value: not null } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;

    protected bool? PropBool(string path) => Properties?.SelectToken(path) is JValue { Type: JTokenType.Boolean } v ? (bool)v! : null;

    protected string? RefId(string path) => Properties?.SelectToken(path) is JObject reference ? Str(reference, "id") : null;

    protected IEnumerable<JObject> PropArray(string path) =>
        Properties?.SelectToken(path) is JArray a ? a.OfType<JObject>() : [];

    protected IReadOnlyList<string> PropStrings(string path) =>
        Properties?.SelectToken(path) is JArray a ? a.Select(t => t.ToString()).ToList() : [];

    /// <summary>JSON path of a property, for findings that point at their evidence.</summary>
    public static string PathOf(string property) => "properties." + property;

    public static string? Str(JToken? token, string path) => token?.SelectToken(path) is JValue { Value: not null } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
