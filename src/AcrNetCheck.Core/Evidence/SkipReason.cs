using Newtonsoft.Json;

namespace AcrNetCheck.Core.Evidence;

public enum SkipKind
{
    /// <summary>The evidence was never collected (<c>needs:&lt;what&gt;</c>).</summary>
    Needs,
    /// <summary>The read was attempted and failed (<c>collection-failed:&lt;read&gt; (status; needs permission)</c>).</summary>
    CollectionFailed,
    /// <summary>The cause cannot occur in this configuration (<c>not-applicable:&lt;why&gt;</c>).</summary>
    NotApplicable,
}

/// <summary>
/// Why a check could not decide, as a value: code branches on <see cref="Kind"/>; the text (the report's <c>reason</c>) is
/// only ever written, never parsed back.
/// </summary>
[JsonConverter(typeof(SkipReasonJsonConverter))]
public sealed record SkipReason(SkipKind Kind, string Detail)
{
    public static SkipReason Needs(string what) => new(SkipKind.Needs, what);

    public static SkipReason NotApplicable(string why) => new(SkipKind.NotApplicable, why);

    public static SkipReason CollectionFailed(string read) => new(SkipKind.CollectionFailed, read);

    public override string ToString() => Kind switch
    {
        SkipKind.Needs => "needs:",
        SkipKind.CollectionFailed => "collection-failed:",
        _ => "not-applicable:",
    } + Detail;

    public static implicit operator string(SkipReason reason) => reason.ToString();
}

/// <summary>Writes a <see cref="SkipReason"/> as its text, the form reports and paths have always shown.</summary>
internal sealed class SkipReasonJsonConverter : JsonConverter<SkipReason>
{
    public override void WriteJson(JsonWriter writer, SkipReason? value, JsonSerializer serializer) => writer.WriteValue(value?.ToString());

    public override bool CanRead => false;

    public override SkipReason? ReadJson(JsonReader reader, Type objectType, SkipReason? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("Skip reasons are written, never read back.");
}
