namespace AcrNetCheck.Cli;

/// <summary>Why the reflection-based serializers are safe in the Native AOT build (the linux-x64 tool package).</summary>
internal static class NativeBuild
{
    public const string KeptForReflection =
        "Newtonsoft and YamlDotNet read the report, bundle and JSON-tree types by reflection; those types live in AcrNetCheck.Core " +
        "and this assembly, which the project keeps whole (TrimmerRootAssembly). .ci/run runs the tests that start the tool as a " +
        "process against the installed native build, and every sample's output in every format matched the JIT build's.";
}
