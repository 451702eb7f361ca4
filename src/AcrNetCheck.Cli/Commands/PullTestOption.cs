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

    /// <summary>
    /// The word typed after <c>--pull-test</c> and a space (<c>--pull-test samples/hello:latest</c>): the option's value is
    /// optional, so that word is read as a separate argument (an unrecognized one, or probe's login server). Null when none.
    /// </summary>
    public static string? SpacedValue(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
            if (args[i] == Template && !args[i + 1].StartsWith('-')) return args[i + 1];
        return null;
    }

    /// <summary>What to write instead of the spaced form.</summary>
    public static string SpacedValueMessage(string value) =>
        $"--pull-test takes its image after '=': write {Template}={Core.Rules.Shell.Quote(value)} (with a space, '{value}' is read as a separate argument).";

    /// <summary>Whether <paramref name="word"/>, taken for another argument while --pull-test came without a value, is an image meant for it.</summary>
    public static bool LooksLikeItsImage((bool HasValue, string? Value) option, string word) =>
        option is (true, null) && PullTestRequest.TryParse(word, out _);
}
