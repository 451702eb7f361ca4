using AcrNetCheck.Core.Collection.Probes.Pull;

namespace AcrNetCheck.Cli.Commands;

/// <summary>--pull-test[=repository[:tag]], shared by probe, diagnose and collect: the real pull path, opt-in.</summary>
public static class PullTestOption
{
    public const string Template = "--pull-test";
    public const string ValueName = "repository[:tag]";
    public const string Description =
        "Also pull for real as the signed-in identity: token exchange, the manifest, one blob, and its redirect followed without " +
        "credentials; the storage host is probed too. Give the image with '=' (--pull-test=samples/hello:latest); without one the " +
        "catalog's first repository is used.";

    /// <summary>Null when the option is absent; a name that is no repository is a usage error, before any network call.</summary>
    public static PullTestRequest? Parse((bool HasValue, string? Value) option) =>
        !option.HasValue && option.Value is null ? null
        : PullTestRequest.TryParse(option.Value, out var request) ? request
        : throw new UsageException($"--pull-test '{option.Value}' is not a repository[:tag] (lowercase letters, digits and . _ - /, e.g. samples/hello-world:latest).");
}
