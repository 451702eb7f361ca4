using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace AcrNetCheck.Core.Evidence;

/// <summary>The one place JSON settings for bundles and reports live: camelCase names, dictionary keys untouched.</summary>
public static class EvidenceJson
{
    public static JsonSerializerSettings Settings { get; } = CreateSettings();

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    private static JsonSerializerSettings CreateSettings() => new()
    {
        ContractResolver = new DefaultContractResolver
        {
            // Dictionary keys are resource ids and service-tag names: they must keep their case.
            NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = false },
        },
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.DateTimeOffset,
        Formatting = Formatting.Indented,
        Converters = { new StringEnumConverter(new CamelCaseNamingStrategy()) },
    };

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);
}
